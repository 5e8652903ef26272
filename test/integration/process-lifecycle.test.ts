import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisAnswers } from '../../src/runtime/redis-launcher';
import { Queue } from 'bullmq';
import { bullConnection } from '../../src/adapters/redis/redis-connection';
import { auditCounty } from '../support/invariants';
import { jobCount } from '../support/redis';
import { FIXTURE_SERVICE_ENV, mediators, referrals } from '../support/county-fixture';
import { TS_THREAD_ARGV, waitFor } from '../support/service';
import { runDatabaseEnv } from '../support/pg-database';

const ENTRY = join(__dirname, '..', '..', 'workers', 'api-server.ts');
const KEY = 'k-admin-lifecycle-0123456789';

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; env: NodeJS.ProcessEnv; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [...TS_THREAD_ARGV, ENTRY, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return { child, env, out: () => out, err: () => err };
}

/** SIGTERM first, so a service under test stops its private redis-server; SIGKILL if it hangs. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await new Promise((r) => child.once('exit', r));
  clearTimeout(timer);
}

const exitCode = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));

describe('the service process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiaojie-proc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('when nothing answers at REDIS_URL, then it starts a private redis-server, serves, and on SIGTERM stops both and exits 0', async () => {
    const redisPort = await freePort();
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const p = run(['--with-worker'], {
      ...process.env,
      REDIS_URL: redisUrl,
      ...runDatabaseEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      TIAOJIE_API_KEYS: `${KEY}=admin@lc`,
      ...FIXTURE_SERVICE_ENV,
      LOG_LEVEL: 'info',
    });
    try {
      await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ? true : undefined), 30_000, 100);
      expect(p.out()).toContain('started a private redis-server');
      expect(await redisAnswers(redisUrl)).toBe(true);
      const call = (method: string, path: string, body: unknown) =>
        fetch(`http://127.0.0.1:${port}${path}`, {
          method,
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await call('PUT', '/v1/mediators', mediators())).status).toBe(200);
      expect((await call('POST', '/v1/referrals', referrals(300, 'sigterm'))).status).toBe(202);
      // Stop while the batch is being dispatched: in-flight jobs finish, the rest stay queued.
      p.child.kill('SIGTERM');
      expect(await exitCode(p.child)).toBe(0);
      expect(p.out()).toContain('signal received');
      expect(await redisAnswers(redisUrl)).toBe(false);
      expect(p.out()).toContain('private redis-server stopped');

      // Restarted on the same data (AOF): nothing was left half done — no job stuck active, no case broken.
      const again = run(['--with-worker'], { ...p.env });
      try {
        await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ? true : undefined), 30_000, 100);
        const queue = new Queue('referrals', { connection: bullConnection(redisUrl) });
        // Beyond one fair-share slice (INTAKE_FAIR_SLICE) a request's jobs wait as 'prioritized'.
        const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'completed', 'failed');
        expect(counts.failed).toBe(0);
        const held = ['active', 'waiting', 'prioritized', 'completed'].map((state) => jobCount(counts, state));
        expect(held.reduce((a, b) => a + b, 0)).toBe(300);
        await waitFor(async () => ((await queue.getJobCounts('completed')).completed === 300 ? true : undefined), 30_000, 100);
        await queue.close();
        const audit = await auditCounty(redisUrl, 'lc');
        expect(audit.problems).toEqual([]);
        expect(audit.byStatus.referred ?? 0).toBe(0);
        again.child.kill('SIGTERM');
        expect(await exitCode(again.child)).toBe(0);
      } finally {
        await stopChild(again.child);
      }
    } finally {
      await stopChild(p.child);
    }
  });

  test('when there is no Redis and no redis-server on the PATH, then it exits 1 with one line saying how to get Redis', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const p = run([], {
      PATH: bin,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
      DATA_DIR: dir,
      TIAOJIE_API_KEYS: `${KEY}=admin@lc`,
      ...FIXTURE_SERVICE_ENV,
      LOG_LEVEL: 'silent',
    });
    expect(await exitCode(p.child)).toBe(1);
    const lines = p.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no Redis answers at .*redis-server.*REDIS_URL/);
  });
});
