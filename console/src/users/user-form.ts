/**
 * The add-user form: its fields, the POST body, and which input each refused field belongs to.
 * Pure, tested in node (test/console/user-form.test.ts).
 */

export const ROLES = ['dispatcher', 'viewer', 'admin', 'court'] as const;
export type UserRole = (typeof ROLES)[number];

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly password: string;
}

export type UserField = keyof NewUser;

/** One item of GET /v1/users. */
export interface UserView {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly county: string;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export const EMPTY_USER: NewUser = { username: '', displayName: '', role: 'dispatcher', password: '' };

/** What is sent: names trimmed (a stray space is never meant), the password exactly as typed. */
export const bodyOf = (u: NewUser): NewUser => ({ ...u, username: u.username.trim(), displayName: u.displayName.trim() });

const FIELDS: readonly UserField[] = ['username', 'displayName', 'role', 'password'];

/** `body.username` → username; anything else of the body goes next to the user name (the form's first input). */
export function userFieldOf(field: string): UserField {
  const name = field.replace(/^body\./, '').split(/[.[]/)[0] ?? '';
  return (FIELDS as readonly string[]).includes(name) ? (name as UserField) : 'username';
}

/** Enabled accounts first, then by user name: the list an admin scans for someone to disable. */
export function sortUsers(users: readonly UserView[]): UserView[] {
  return [...users].sort(
    (a, b) => Number(a.disabled) - Number(b.disabled) || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
  );
}
