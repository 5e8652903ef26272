import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Role } from '../domain/access';
import type { UserAdmin } from '../use-cases/users/user-admin';
import type { Config } from './env';

/** One development account per role, with the name the console shows. */
const DEV_USERS: readonly { readonly role: Role; readonly displayName: string }[] = [
  { role: 'court', displayName: '法院对接' },
  { role: 'dispatcher', displayName: '调度员' },
  { role: 'viewer', displayName: '查看员' },
  { role: 'admin', displayName: '管理员' },
];

interface DevUsersFile {
  readonly county: string;
  /** User name (the role) → password. */
  readonly passwords: Readonly<Record<string, string>>;
}

/** 18 random bytes: 24 characters, within the password policy. */
const newPassword = (): string => randomBytes(18).toString('base64url');

/**
 * The development accounts (no TIAOJIE_API_KEYS: a developer's machine): one per role for the
 * default county, user name = role, random passwords generated once into DATA_DIR/dev-users.json
 * (mode 600) and reused. Missing users are created; a user changed since (password, disabled) is
 * left as it is. Logged with the console's URL, as the development keys are.
 */
export async function ensureDevUsers(admin: UserAdmin, config: Config, consoleUrl: string, log: Logger): Promise<void> {
  const dir = resolve(config.DATA_DIR);
  const file = join(dir, 'dev-users.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const saved: DevUsersFile = {
      county: config.TIAOJIE_DEFAULT_COUNTY,
      passwords: Object.fromEntries(DEV_USERS.map((u) => [u.role, newPassword()])),
    };
    writeFileSync(file, JSON.stringify(saved, null, 2) + '\n', { mode: 0o600 });
  }
  const saved = JSON.parse(readFileSync(file, 'utf8')) as DevUsersFile;
  const users = DEV_USERS.filter((u) => saved.passwords[u.role]).map((u) => ({
    username: u.role,
    displayName: u.displayName,
    role: u.role,
    county: saved.county,
    password: saved.passwords[u.role] ?? '',
  }));
  let created: string[];
  try {
    created = await admin.ensure(users);
  } catch (err) {
    // Redis away at start: the API still serves keys; the accounts come at the next start.
    log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not create the development accounts');
    return;
  }
  log.warn(
    {
      file,
      console: consoleUrl,
      county: saved.county,
      created,
      accounts: users.map((u) => ({ username: u.username, password: u.password })),
    },
    'TIAOJIE_API_KEYS is not set: development accounts (one per role) sign in to the console with these passwords',
  );
}
