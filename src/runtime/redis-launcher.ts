import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { alive, terminate } from './owner-record';
import { probeRedis, readOwnerRecord, releaseOwnerRecord, serverIdentity, writeOwnerRecord } from './redis-ownership';

/** A redis-server this process started and must stop. */
export interface LaunchedRedis {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The server's process id (a test kills it to fail a cluster master over). */
  readonly pid: number;
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
  /** More server arguments, e.g. `--cluster-enabled yes`. @defaultValue none */
  readonly extraArgs?: readonly string[];
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
  return (await probeRedis(url, timeoutMs, async (client) => (await client.ping()) === 'PONG')) ?? false;
}

/** Startup infrastructure, before any request: its failures stay plain Errors (the process cannot serve). */
async function waitForPong(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    if (await redisAnswers(url, 250)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Records this process as the owner of the server it just started (see redis-ownership.ts). */
async function recordOwnership(url: string, port: number, dataDir: string, child: ChildProcess): Promise<void> {
  const id = await serverIdentity(url);
  if (!id || id.pid !== child.pid) {
    throw new Error(`the redis-server at ${url} is not the one just started (pid ${id?.pid ?? '?'}, started ${child.pid ?? '?'})`);
  }
  writeOwnerRecord({ ownerPid: process.pid, redisPid: id.pid, port, dataDir, token: id.runId });
}

/**
 * Starts a private redis-server bound to 127.0.0.1, with its files under `dataDir`, and records
 * this process as its owner (DATA_DIR/redis-owner.json). The child is killed when this process
 * exits, even without a call to stop().
 */
export async function launchRedis(options: LaunchOptions): Promise<LaunchedRedis> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const pidFile = join(dataDir, 'redis-server.pid');
  // Two servers must never append to one AOF: stop one an earlier run left behind (killed with -9).
  await stopStale(pidFile, dataDir);
  const port = options.port ?? (await freePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dataDir,
    '--appendonly',
    options.appendOnly === false ? 'no' : 'yes',
    '--save',
    '',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
    '--pidfile',
    pidFile,
    ...(options.extraArgs ?? []),
  ];
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and Redis must
  // outlive the service's graceful shutdown (which stops it last), not die with the keystroke.
  const child = spawn(options.binary ?? 'redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  // SIGTERM lets Redis flush the AOF even when this process exits without stop().
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await Promise.race([waitForPong(url, child, options.readyTimeoutMs ?? 10_000), spawnError]);
    await recordOwnership(url, port, dataDir, child);
  } catch (err) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw new Error(`${(err as Error).message}${stderr ? `: ${stderr.trim()}` : ''}`, { cause: err }); // startup infrastructure: plain, see waitForPong
  }
  return {
    url,
    port,
    dataDir,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killOnExit);
        releaseOwnerRecord(dataDir);
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

/**
 * Stops the redis-server named by a pid file if it still runs and is an orphan (its recorded owner
 * is gone, or it has no record); waits up to 5 s. One whose owner runs is never stopped: starting a
 * second server on its AOF is refused instead.
 */
async function stopStale(pidFile: string, dataDir: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  // Only a redis-server: a recycled pid of another program is left alone (Linux can tell).
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync(cmdline) && !readFileSync(cmdline, 'utf8').includes('redis-server')) return;
  const record = readOwnerRecord(dataDir);
  if (record?.redisPid === pid && record.ownerPid !== process.pid && alive(record.ownerPid)) {
    throw new Error(
      `the private redis-server of ${dataDir} (pid ${pid}, port ${record.port}) belongs to running process ${record.ownerPid}: ` +
        `use it (REDIS_URL=redis://127.0.0.1:${record.port}) or another DATA_DIR`,
    );
  }
  await terminate(pid);
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
