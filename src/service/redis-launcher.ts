import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import Redis from 'ioredis';

/** A redis-server this process started and must stop. */
export interface LaunchedRedis {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** Directory for the AOF files (created if missing). */
  readonly dataDir: string;
  /** @defaultValue a free port chosen by the OS */
  readonly port?: number;
  /** Append-only persistence. @defaultValue true */
  readonly appendOnly?: boolean;
  /** @defaultValue "redis-server" (looked up on the PATH) */
  readonly binary?: string;
  /** How long to wait for PONG. @defaultValue 10000 */
  readonly readyTimeoutMs?: number;
}

/** Asks the OS for a port nobody listens on. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolvePort(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolvePort(true)));
  });
}

/** True when `url` answers PING within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

async function waitForPong(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await redisAnswers(url, 250)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * Starts a private redis-server bound to 127.0.0.1, with its files under `dataDir`. The child is
 * killed when this process exits, even without a call to stop().
 */
export async function launchRedis(options: LaunchOptions): Promise<LaunchedRedis> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dataDir,
    '--appendonly', options.appendOnly === false ? 'no' : 'yes',
    '--save', '',
    '--protected-mode', 'yes',
    '--loglevel', 'warning',
  ];
  const child = spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await Promise.race([waitForPong(url, child, options.readyTimeoutMs ?? 10_000), spawnError]);
  } catch (err) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw new Error(`${(err as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`);
  }
  return {
    url,
    port,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The absolute path of an executable on the PATH, or undefined. */
export function onPath(binary: string, pathVar = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    try {
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    } catch {
      // unreadable PATH entries are skipped
    }
  }
  return undefined;
}
