import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, redisAnswers } from '../../../src/runtime/redis-launcher';

/**
 * A redis-server with AOF (`appendfsync everysec`) on a private directory and port, which a test
 * can SIGKILL and start again on the same port and files — the fault production sees when the
 * Redis host dies. Not test/support/redis.ts: that one has no AOF and cannot be killed and restarted.
 */
export interface AofRedis {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** `kill -9`: no AOF flush, no goodbye to clients. Resolves once the process is gone. */
  kill9(): Promise<void>;
  /** Starts again on the same port and directory; resolves once it answers PING (AOF loaded). */
  restart(): Promise<void>;
  /** SIGTERM (AOF flushed), then removes the directory. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

function spawnServer(port: number, dir: string): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec'];
  // No RDB snapshots: what survives a kill is what the AOF holds, nothing else.
  args.push('--save', '', '--protected-mode', 'yes', '--loglevel', 'warning');
  return spawn(process.env.REDIS_SERVER ?? 'redis-server', args, { stdio: 'ignore' });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

async function waitForPong(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await redisAnswers(url, 250)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`redis-server did not answer at ${url} within ${READY_TIMEOUT_MS} ms`);
}

/** Starts the server; a test owns it and must call stop(). */
export async function startAofRedis(): Promise<AofRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-aof-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child = spawnServer(port, dir);
  // A test that fails half-way must not leave a server behind.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitForPong(url, child);
  return {
    url,
    port,
    dir,
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      child = spawnServer(port, dir);
      await waitForPong(url, child);
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      child.kill('SIGTERM');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
