import { spawn, type ChildProcess } from 'node:child_process';
import { FIXTURE_SERVICE_ENV } from '../../support/county-fixture';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TS_THREAD_ARGV } from '../../support/service';
import { uniqueCounty } from '../../support/redis';
import { JOB_LOCK_MS, STALLED_CHECK_MS } from './takeover-bound';
import { runDatabaseEnv } from '../../support/pg-database';

const ROOT = join(__dirname, '..', '..', '..');
/** The real process entry points, run from the TypeScript sources (no dependence on a fresh dist/). */
const ENTRIES = { api: join(ROOT, 'workers', 'api-server.ts'), worker: join(ROOT, 'workers', 'dispatch-worker.ts') } as const;
const READY_TIMEOUT_MS = 60_000;

/** One service process under test: the API or the worker (`tiaojie serve` / `tiaojie worker`). */
export interface ServiceProcess {
  readonly kind: keyof typeof ENTRIES;
  readonly child: ChildProcess;
  /** Base URL of the API (api processes only). */
  readonly url: string;
  /** Everything it wrote on stdout and stderr so far (pino JSON lines), for failure messages. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once it has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still running (cleanup). */
  destroy(): Promise<void>;
}

/**
 * A deployment of the service on one Redis: a county, its keys, a queue prefix and a data dir of
 * its own, shared by the API and worker processes it starts.
 */
export interface Deployment {
  readonly county: string;
  readonly keys: { readonly court: string; readonly dispatcher: string; readonly admin: string };
  readonly prefix: string;
  readonly env: Readonly<Record<string, string>>;
  /** Starts a process and waits until it is ready; `env` adds to the deployment's (e.g. a fixed PORT). */
  start(kind: keyof typeof ENTRIES, env?: Readonly<Record<string, string>>): Promise<ServiceProcess>;
  /** Kills what is still running and removes the data dir. */
  cleanup(): Promise<void>;
}

const newKey = (role: string): string => `tk_${role}_${randomBytes(12).toString('hex')}`;

function spawnEntry(kind: keyof typeof ENTRIES, env: Readonly<Record<string, string>>): ServiceProcess {
  let out = '';
  const child = spawn(process.execPath, [...TS_THREAD_ARGV, ENTRIES[kind]], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  // A test runner that dies half-way must not leave a service running against a dead Redis.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      r({ code, signal });
    }),
  );
  let url = '';
  return {
    kind,
    child,
    get url() {
      url ||= /"url":"(http:\/\/[^"]+)","msg":"API listening"/.exec(out)?.[1] ?? '';
      return url;
    },
    output: () => out,
    exited,
    async destroy() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until the process logs that it serves (API) or takes jobs (worker); throws with its output if it exits first. */
async function ready(p: ServiceProcess): Promise<void> {
  const marker = p.kind === 'api' ? '"msg":"API listening"' : '"msg":"dispatch worker started"';
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone = false;
  void p.exited.then(() => (gone = true));
  while (!p.output().includes(marker)) {
    if (gone) throw new Error(`${p.kind} exited before it was ready:\n${p.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`${p.kind} not ready within ${READY_TIMEOUT_MS} ms:\n${p.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A deployment on `redisUrl`. `env` overrides the defaults: a short job lock so a dead
 * worker's jobs come back quickly, and STALLED_CHECK_MS for the stalled-check interval (read once
 * the stalled-takeover work of issue 18 adds it; ignored before).
 */
export function deployment(redisUrl: string, env: Readonly<Record<string, string>> = {}): Deployment {
  const county = uniqueCounty('res');
  const keys = { court: newKey('court'), dispatcher: newKey('dispatcher'), admin: newKey('admin') };
  const prefix = `r${randomUUID().slice(0, 8)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-res-'));
  const fullEnv: Record<string, string> = {
    REDIS_URL: redisUrl,
    REDIS_EMBEDDED: 'false',
    ...runDatabaseEnv(),
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    TIAOJIE_API_KEYS: JSON.stringify(Object.entries(keys).map(([role, key]) => ({ key, role, county }))),
    TIAOJIE_DEFAULT_COUNTY: county,
    REBALANCE_NIGHTLY: 'false',
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'info',
    JOB_LOCK_MS: String(JOB_LOCK_MS),
    STALLED_CHECK_MS: String(STALLED_CHECK_MS),
    ...FIXTURE_SERVICE_ENV,
    ...env,
  };
  const started: ServiceProcess[] = [];
  return {
    county,
    keys,
    prefix,
    env: fullEnv,
    async start(kind, env = {}) {
      const p = spawnEntry(kind, { ...fullEnv, ...env });
      started.push(p);
      await ready(p);
      return p;
    },
    async cleanup() {
      await Promise.all(started.map((p) => p.destroy()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
