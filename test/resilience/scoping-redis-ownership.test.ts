import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisAnswers } from '../../src/runtime/redis-launcher';
import { ownerFile, readOwnerRecord } from '../../src/runtime/redis-ownership';
import { FIXTURE_SERVICE_ENV, mediators, referrals } from '../support/county-fixture';
import { TS_THREAD_ARGV, waitFor } from '../support/service';
import { runDatabaseEnv } from '../support/pg-database';

const WORKERS = join(__dirname, '..', '..', 'workers');
const KEY = 'k-admin-ownership-0123456789';

interface Proc {
  readonly child: ChildProcess;
  readonly out: () => string;
}

function run(entry: 'api-server.ts' | 'dispatch-worker.ts', args: string[], env: NodeJS.ProcessEnv): Proc {
  let out = '';
  const child = spawn(process.execPath, [...TS_THREAD_ARGV, join(WORKERS, entry), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return { child, out: () => out };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((r) => child.once('exit', (code) => r(code)));

/** SIGTERM (SIGKILL after 15 s) and the exit code. */
async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const code = await exited(child);
  clearTimeout(timer);
  return code;
}

const ready = (port: number) =>
  waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ? true : undefined), 30_000, 100);

const logged = (p: Proc, text: string) => waitFor(() => (p.out().includes(text) ? true : undefined), 30_000, 50);

/**
 * Issue 18 item 6: a second process on the same DATA_DIR uses the private redis-server the first
 * one started and never stops it; only its owner does — or, once the owner is dead, an adopter.
 */
describe('embedded Redis ownership', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let apiPort: number;
  let redisUrl: string;
  const started: ChildProcess[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tiaojie-owner-'));
    apiPort = await freePort();
    redisUrl = `redis://127.0.0.1:${await freePort()}`;
    env = {
      ...process.env,
      ...FIXTURE_SERVICE_ENV,
      REDIS_URL: redisUrl,
      // The ledger on the run's database: this test is about the private redis-server only.
      ...runDatabaseEnv(),
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      TIAOJIE_API_KEYS: `${KEY}=admin@own`,
      LOG_LEVEL: 'info',
    };
  });
  afterEach(async () => {
    for (const c of started.splice(0)) await stop(c);
    const record = readOwnerRecord(dir);
    if (record) {
      try {
        process.kill(record.redisPid, 'SIGTERM'); // a failed test must not leave a redis-server behind
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (entry: 'api-server.ts' | 'dispatch-worker.ts', args: string[], extra: NodeJS.ProcessEnv = {}): Proc => {
    const p = run(entry, args, { ...env, ...extra });
    started.push(p.child);
    return p;
  };

  test('when a worker and a second serve on the busy port start beside the owner and stop, then its redis-server and API keep serving; when the owner stops, the server stops', async () => {
    const a = start('api-server.ts', ['--with-worker']);
    await ready(apiPort);
    expect(a.out()).toContain('started a private redis-server');
    const record = readOwnerRecord(dir);
    expect(record?.ownerPid).toBe(a.child.pid);
    expect(statSync(ownerFile(dir)).mode & 0o777).toBe(0o600);

    const worker = start('dispatch-worker.ts', []);
    await logged(worker, 'dispatch worker started');
    expect(worker.out()).toContain('it keeps running when this process exits');
    expect(await stop(worker.child)).toBe(0);

    const second = start('api-server.ts', []); // the same PORT: it cannot listen, and exits
    expect(await exited(second.child)).toBe(1);
    expect(second.out()).toMatch(/port \d+ is in use/);

    expect(await redisAnswers(redisUrl)).toBe(true);
    expect(readOwnerRecord(dir)?.ownerPid).toBe(a.child.pid);
    const call = (method: string, path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${apiPort}${path}`, {
        method,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await call('PUT', '/v1/mediators', mediators())).status).toBe(200);
    expect((await call('POST', '/v1/referrals', referrals(3, 'own'))).status).toBe(202);
    expect((await fetch(`http://127.0.0.1:${apiPort}/readyz`)).status).toBe(200);

    expect(await stop(a.child)).toBe(0);
    expect(await redisAnswers(redisUrl)).toBe(false);
    expect(existsSync(ownerFile(dir))).toBe(false);
  }, 90_000);

  test('when the owner was killed with -9, then the next process adopts its orphaned redis-server and stops it on exit', async () => {
    const a = start('api-server.ts', []);
    await ready(apiPort);
    a.child.kill('SIGKILL');
    await exited(a.child);
    expect(await redisAnswers(redisUrl)).toBe(true); // the server outlives its owner (own process group)

    const c = start('api-server.ts', []);
    await ready(apiPort);
    expect(c.out()).toContain('adopted the private redis-server');
    expect(readOwnerRecord(dir)?.ownerPid).toBe(c.child.pid);
    expect(await stop(c.child)).toBe(0);
    expect(await redisAnswers(redisUrl)).toBe(false);
  }, 90_000);
});
