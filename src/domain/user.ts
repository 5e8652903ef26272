import { z } from 'zod';
import { CountyIdSchema, RoleSchema } from './access';

/**
 * A person who signs in to the console: user names are unique in the installation, lower-case so
 * "Wang" and "wang" cannot be two accounts, and safe in a Redis key, a log line and a URL.
 */
export const UsernameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{2,31}$/,
    'user names are 3 to 32 lower-case letters, digits, "_", "." or "-", starting with a letter or digit',
  );

/** What the console shows for the person: 1 to 40 characters, Chinese welcome. */
export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, 'the display name must not be empty')
  .max(40, 'the display name is at most 40 characters');

/** Fewest characters of a password. */
export const PASSWORD_MIN = 10;
/** Most characters of a password: enough for a pass phrase, short enough to bound the hashing work. */
export const PASSWORD_MAX = 200;

/** The password policy: length only (NIST SP 800-63B): composition rules make passwords worse, not stronger. */
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `passwords are at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `passwords are at most ${PASSWORD_MAX} characters`);

/** A user as stored: the hash is argon2id (PHC string) and never leaves the store's layer. */
export const StoredUserSchema = z.object({
  username: UsernameSchema,
  displayName: z.string(),
  role: RoleSchema,
  county: CountyIdSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  passwordHash: z.string().min(1),
});
export type StoredUser = z.infer<typeof StoredUserSchema>;

/** A user as the API shows it to an admin: everything but the hash. */
export type UserView = Omit<StoredUser, 'passwordHash'>;

/** Who a session belongs to, as the console shows it. */
export type SessionUser = Pick<StoredUser, 'username' | 'displayName' | 'role' | 'county'>;

/** The hash is dropped by naming what is kept, so a field added later is not shown by accident. */
export function userView(u: StoredUser): UserView {
  return { username: u.username, displayName: u.displayName, role: u.role, county: u.county, disabled: u.disabled, createdAt: u.createdAt };
}

export function sessionUser(u: StoredUser): SessionUser {
  return { username: u.username, displayName: u.displayName, role: u.role, county: u.county };
}
