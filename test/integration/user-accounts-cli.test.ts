import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { runUserCommand } from '../../src/cli/user-command';
import { InputError } from '../../src/cli/exit-codes';
import { AccountLockedError, InvalidCredentialsError, ValidationError } from '../../src/domain/errors';
import { bootstrapUsers, redisAccounts } from '../../src/runtime/accounts';
import { ensureDevUsers } from '../../src/runtime/dev-users';
import { loadConfig } from '../../src/runtime/env';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';

/** `tiaojie user add|disable|list`, the development accounts and TIAOJIE_BOOTSTRAP_USERS, on a real Redis. */
describe('user accounts from the command line and at start-up', () => {
  let redis: TestRedis;
  let client: TiaojieRedis;
  let dataDir: string;
  const county = uniqueCounty('cli');
  const env = (): NodeJS.ProcessEnv => ({
    REDIS_URL: redis.url,
    REDIS_EMBEDDED: 'false',
    DATA_DIR: dataDir,
    TIAOJIE_DEFAULT_COUNTY: county,
  });
  const accounts = () => redisAccounts(client, loadConfig(env()));
  const silent = pino({ level: 'silent' });

  beforeAll(async () => {
    redis = await startTestRedis();
    client = createRedis(redis.url);
    dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-users-'));
  });

  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs the command with a piped password (or none: a terminal) and returns what it printed. */
  async function user(argv: string[], piped?: string): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await runUserCommand(argv, { env: env(), stdin: () => Promise.resolve(piped), out: (t) => void (out += t) });
    return { code, out };
  }

  test('when a password is piped to `user add`, then the user signs in with it; without one, a password is printed once and works', async () => {
    const piped = await user(['add', '--username', 'wang.wei', '--role', 'dispatcher', '--display-name', '王伟'], 'piped password 1\n');
    expect(piped.code).toBe(0);
    expect(piped.out).not.toContain('piped password 1');
    const signedIn = await accounts().sessions.signIn('wang.wei', 'piped password 1');
    expect(signedIn.user).toEqual({ username: 'wang.wei', displayName: '王伟', role: 'dispatcher', county });

    const generated = await user(['add', '--username', 'li-na', '--role', 'viewer', '--county', `${county}-b`]);
    const password = /password \(shown once\): (\S+)/.exec(generated.out)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await accounts().sessions.signIn('li-na', password)).user.county).toBe(`${county}-b`);
  });

  test('when the name is taken or the piped password too short, then the command fails as bad input', async () => {
    await expect(user(['add', '--username', 'wang.wei', '--role', 'viewer'], 'another password')).rejects.toThrow(InputError);
    await expect(user(['add', '--username', 'zhao', '--role', 'viewer'], 'short\n')).rejects.toThrow(/at least 10 characters/);
    await expect(user(['disable', '--username', 'nobody'])).rejects.toThrow(/user "nobody" not found/);
  });

  test('when users are listed, then every county or one county, and never a hash', async () => {
    const all = (await user(['list'])).out;
    expect(all).toMatch(/^li-na\s+viewer\s+/m);
    expect(all).toMatch(/^wang\.wei\s+dispatcher\s+/m);
    const one = (await user(['list', '--county', county])).out;
    expect(one).toContain('wang.wei');
    expect(one).not.toContain('li-na');
    expect(all).not.toMatch(/argon2/);
  });

  test('when a user is disabled, then their session ends and they cannot sign in', async () => {
    const session = await accounts().sessions.signIn('wang.wei', 'piped password 1');
    expect(await accounts().sessions.find(session.token)).toBeDefined();
    expect((await user(['disable', '--username', 'wang.wei'])).out).toMatch(/disabled wang\.wei/);
    expect(await accounts().sessions.find(session.token)).toBeUndefined();
    expect(await client.exists(`tj:user-sessions:wang.wei`)).toBe(0);
    await expect(accounts().sessions.signIn('wang.wei', 'piped password 1')).rejects.toThrow(InvalidCredentialsError);
    expect((await user(['list', '--county', county])).out).toMatch(/wang\.wei\s+dispatcher\s+\S+\s+disabled/);
  });

  test('when the development accounts are ensured twice, then one per role, passwords in a 600 file, and a changed user is left alone', async () => {
    const config = loadConfig(env());
    const admin = accounts().admin;
    await ensureDevUsers(admin, config, 'http://127.0.0.1:3000/console/', silent);
    const file = join(dataDir, 'dev-users.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { county: string; passwords: Record<string, string> };
    expect(Object.keys(saved.passwords).sort()).toEqual(['admin', 'court', 'dispatcher', 'viewer']);
    const signedIn = await accounts().sessions.signIn('dispatcher', saved.passwords.dispatcher ?? '');
    expect(signedIn.user).toEqual({ username: 'dispatcher', displayName: '调度员', role: 'dispatcher', county });

    await admin.update('*', 'viewer', { password: 'changed by the admin' });
    await ensureDevUsers(admin, config, 'http://127.0.0.1:3000/console/', silent);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
    await expect(accounts().sessions.signIn('viewer', saved.passwords.viewer ?? '')).rejects.toThrow(InvalidCredentialsError);
    expect((await accounts().sessions.signIn('viewer', 'changed by the admin')).user.role).toBe('viewer');
  });

  test('when TIAOJIE_BOOTSTRAP_USERS names users, then the missing ones are created; a malformed one is refused naming the field', async () => {
    const users = [{ username: 'browser-test', displayName: '浏览器', role: 'admin', county, password: 'bootstrap password' }];
    const config = loadConfig({ ...env(), TIAOJIE_BOOTSTRAP_USERS: JSON.stringify(users) });
    await bootstrapUsers(accounts().admin, config, silent);
    await bootstrapUsers(accounts().admin, config, silent);
    expect((await accounts().sessions.signIn('browser-test', 'bootstrap password')).user.role).toBe('admin');
    const bad = loadConfig({ ...env(), TIAOJIE_BOOTSTRAP_USERS: JSON.stringify([{ ...users[0], password: 'short' }]) });
    await expect(bootstrapUsers(accounts().admin, bad, silent)).rejects.toThrow(ValidationError);
    await expect(bootstrapUsers(accounts().admin, bad, silent)).rejects.toThrow(/env\.TIAOJIE_BOOTSTRAP_USERS\[0\]\.password/);
  });

  test('when a user name is locked in one process, then another process sees the lock (it is kept in Redis)', async () => {
    const config = loadConfig({ ...env(), LOGIN_FAIL_LIMIT: '2' });
    const one = redisAccounts(client, config);
    const other = createRedis(redis.url);
    try {
      const two = redisAccounts(other, config);
      for (let i = 0; i < 2; i++) await expect(one.sessions.signIn('court', 'wrong password')).rejects.toThrow(InvalidCredentialsError);
      await expect(two.sessions.signIn('court', 'wrong password')).rejects.toThrow(AccountLockedError);
    } finally {
      other.disconnect();
    }
  });
});
