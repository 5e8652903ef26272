import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisAnswers } from '../../src/service/redis-launcher';
import { TS_THREAD_ARGV, waitFor } from '../support/service';

const ENTRY = join(__dirname, '..', '..', 'workers', 'api-server.ts');
const KEY = 'k-admin-lifecycle-0123456789';

function run(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const child = spawn(process.execPath, [...TS_THREAD_ARGV, ENTRY, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return { child, out: () => out, err: () => err };
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
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      TIAOJIE_API_KEYS: `${KEY}=admin@lc`,
      LOG_LEVEL: 'info',
    });
    try {
      await waitFor(async () => ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ? true : undefined), 30_000, 100);
      expect(p.out()).toContain('started a private redis-server');
      expect(await redisAnswers(redisUrl)).toBe(true);
      p.child.kill('SIGTERM');
      expect(await exitCode(p.child)).toBe(0);
      expect(await redisAnswers(redisUrl)).toBe(false);
      expect(p.out()).toContain('private redis-server stopped');
    } finally {
      p.child.kill('SIGKILL');
    }
  });

  test('when there is no Redis and no redis-server on the PATH, then it exits 1 with one line saying how to get Redis', async () => {
    const bin = join(dir, 'bin');
    require('node:fs').mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const p = run([], { PATH: bin, REDIS_URL: `redis://127.0.0.1:${await freePort()}`, DATA_DIR: dir, TIAOJIE_API_KEYS: `${KEY}=admin@lc`, LOG_LEVEL: 'silent' });
    expect(await exitCode(p.child)).toBe(1);
    const lines = p.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/no Redis answers at .*redis-server.*REDIS_URL/);
  });
});
