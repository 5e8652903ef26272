import { z } from 'zod';
import type { Logger } from 'pino';
import type { ApiAccounts } from '../adapters/http/deps';
import { RedisLoginLockout, SessionRepo } from '../adapters/redis/session-repo';
import { UserRepo } from '../adapters/redis/user-repo';
import type { TiaojieRedis } from '../adapters/redis/redis-connection';
import { CountyIdSchema, RoleSchema } from '../domain/access';
import { fromZodError } from '../domain/errors';
import { DisplayNameSchema, PasswordSchema, UsernameSchema } from '../domain/user';
import { HOUR_MS } from '../domain/time';
import { argon2Hasher } from '../use-cases/users/argon2-hasher';
import { Sessions } from '../use-cases/users/sessions';
import { UserAdmin } from '../use-cases/users/user-admin';
import type { Config } from './env';

/** Failed sign-ins of one user name count within this window (the 15 minutes). */
const LOGIN_FAIL_WINDOW_MS = 15 * 60_000;

/** Accounts and sessions on the API's Redis client, with the configured policy. */
export function redisAccounts(redis: TiaojieRedis, config: Config): ApiAccounts {
  const users = new UserRepo(redis);
  const sessionStore = new SessionRepo(redis);
  const hasher = argon2Hasher();
  return {
    sessions: new Sessions(
      { users, sessions: sessionStore, lockout: new RedisLoginLockout(redis), hasher },
      {
        ttlMs: Math.round(config.SESSION_TTL_HOURS * HOUR_MS),
        lockout: { limit: config.LOGIN_FAIL_LIMIT, windowMs: LOGIN_FAIL_WINDOW_MS, lockMs: config.LOGIN_LOCK_MINUTES * 60_000 },
      },
    ),
    admin: userAdmin(redis),
    cookieSecure: config.SESSION_COOKIE_SECURE,
  };
}

/** User administration on a Redis client (the API, the CLI). */
export function userAdmin(redis: TiaojieRedis): UserAdmin {
  return new UserAdmin({ users: new UserRepo(redis), sessions: new SessionRepo(redis), hasher: argon2Hasher() });
}

const BootstrapUsersSchema = z.array(
  z.strictObject({
    username: UsernameSchema,
    displayName: DisplayNameSchema,
    role: RoleSchema,
    county: CountyIdSchema,
    password: PasswordSchema,
  }),
);

/** TIAOJIE_BOOTSTRAP_USERS, checked: a 400-style error naming the variable and the bad field. */
function parseBootstrapUsers(raw: string): z.infer<typeof BootstrapUsersSchema> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw fromZodError(
      new z.ZodError([{ code: 'custom', path: [], message: 'must be a JSON array', input: raw }]),
      'env.TIAOJIE_BOOTSTRAP_USERS',
    );
  }
  const parsed = BootstrapUsersSchema.safeParse(json);
  if (!parsed.success) throw fromZodError(parsed.error, 'env.TIAOJIE_BOOTSTRAP_USERS');
  return parsed.data;
}

/** Creates the TIAOJIE_BOOTSTRAP_USERS that do not exist yet; names only in the log. */
export async function bootstrapUsers(admin: UserAdmin, config: Config, log: Logger): Promise<void> {
  if (!config.TIAOJIE_BOOTSTRAP_USERS) return;
  const users = parseBootstrapUsers(config.TIAOJIE_BOOTSTRAP_USERS);
  try {
    const created = await admin.ensure(users);
    if (created.length > 0) log.info({ users: created }, 'TIAOJIE_BOOTSTRAP_USERS: users created');
  } catch (err) {
    // Redis away at start: the API still serves keys; the users come at the next start.
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'TIAOJIE_BOOTSTRAP_USERS: could not create the users');
  }
}
