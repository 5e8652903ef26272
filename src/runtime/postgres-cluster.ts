import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alive, ownerRecords, type BaseOwnerRecord } from './owner-record';
import type { ClusterAccount } from './postgres-binaries';
import { withPgClient } from './postgres-probe';
import { freePort } from './redis-launcher';

/** The cluster's superuser role (initdb -U): the same whichever OS account runs it, so the URL does not depend on it. */
export const CLUSTER_SUPERUSER = 'postgres';

/** The database the ledger lives in, created on first start. */
export const LEDGER_DATABASE = 'tiaojie';

/**
 * The owner record of the private cluster of a DATA_DIR (DATA_DIR/postgres-owner.json; the rules
 * are in owner-record.ts). The token is the postmaster's start time (`pg_postmaster_start_time()`,
 * whole seconds), which a cluster restarted on the same files does not share.
 */
interface ClusterOwnerRecord extends BaseOwnerRecord {
  readonly serverPid: number;
}

const records = ownerRecords<ClusterOwnerRecord>('postgres-owner.json', ['serverPid']);

export interface ClusterOptions {
  /** DATA_DIR: the cluster lives in its `postgres` folder, the owner record beside it. */
  readonly dataDir: string;
  /** Where initdb, pg_ctl and postgres are (see findPostgresBinDir). */
  readonly binDir: string;
  readonly account: ClusterAccount;
}

/** The private cluster this process uses, and how it came to: only `started` and `adopted` ones are stopped by it. */
export interface RunningCluster {
  readonly port: number;
  readonly clusterDir: string;
  readonly how: 'started' | 'adopted' | 'shared';
  readonly stop: () => Promise<void>;
}

/**
 * The private cluster of DATA_DIR: the one another running process owns (shared, never stopped
 * here), an orphan whose owner died (adopted), or one this process starts — after initdb the first
 * time — on a free port of 127.0.0.1, then records itself as its owner. Startup infrastructure:
 * failures are plain Errors, as for Redis.
 */
export async function privateCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const dataDir = resolve(opts.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  const recorded = await records.find(dataDir, (r) => clusterMatches(r, clusterDir));
  if (recorded.kind === 'owned') return { port: recorded.record.port, clusterDir, how: 'shared', stop: () => Promise.resolve() };
  if (recorded.kind === 'orphaned') return ownedCluster(opts, clusterDir, records.adopt(recorded.record), 'adopted');
  await stopStale(opts, clusterDir);
  await initOnce(opts, clusterDir);
  const port = await freePort();
  await run(opts, clusterDir, 'pg_ctl', [
    'start',
    '-D',
    clusterDir,
    '-l',
    join(clusterDir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    serverOptions(port, clusterDir),
  ]);
  try {
    const record = await recordOwnership(dataDir, clusterDir, port);
    await createLedgerDatabase(port);
    return ownedCluster(opts, clusterDir, record, 'started');
  } catch (err) {
    // Started but unusable: not left running without an owner.
    await run(opts, clusterDir, 'pg_ctl', ['stop', '-D', clusterDir, '-m', 'fast', '-w']).catch(() => undefined);
    records.release(dataDir);
    throw err;
  }
}

/** Records this process as the owner of the cluster it just started on `port`. */
async function recordOwnership(dataDir: string, clusterDir: string, port: number): Promise<ClusterOwnerRecord> {
  const id = await identity(port);
  const serverPid = postmasterPid(clusterDir);
  if (id?.dir !== clusterDir || serverPid === undefined) {
    throw new Error(`the PostgreSQL server on 127.0.0.1:${port} is not the cluster of ${clusterDir} just started`);
  }
  const record = { ownerPid: process.pid, serverPid, port, dataDir, token: id.started };
  records.write(record);
  return record;
}

/** A cluster this process stops: on stop(), or with a fast-shutdown signal when it exits without one. */
function ownedCluster(opts: ClusterOptions, clusterDir: string, record: ClusterOwnerRecord, how: 'started' | 'adopted'): RunningCluster {
  // Only while the record is still this one: a later start on the same DATA_DIR is not this handle's to stop.
  const stillMine = (current: ClusterOwnerRecord | undefined): current is ClusterOwnerRecord =>
    current?.ownerPid === process.pid && current.token === record.token && current.serverPid === record.serverPid;
  // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the checkpoint is written.
  const stopOnExit = (): void => {
    if (!stillMine(records.read(record.dataDir))) return;
    records.release(record.dataDir);
    if (alive(record.serverPid)) process.kill(record.serverPid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  return {
    port: record.port,
    clusterDir,
    how,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      const current = records.read(record.dataDir);
      if (!stillMine(current) || !(await clusterMatches(current, clusterDir))) return;
      await run(opts, clusterDir, 'pg_ctl', ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60']);
      records.release(record.dataDir);
    },
  };
}

/** initdb the first time: UTF8, locale C, trust (it listens on 127.0.0.1 only), owned by the account that runs it. */
async function initOnce(opts: ClusterOptions, clusterDir: string): Promise<void> {
  if (existsSync(join(clusterDir, 'PG_VERSION'))) return;
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (opts.account.kind === 'other') chownSync(clusterDir, opts.account.uid, opts.account.gid);
  await run(opts, clusterDir, 'initdb', ['-D', clusterDir, '-U', CLUSTER_SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C']);
}

/** The longest unix socket path Linux takes (sun_path, less its NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * TCP on 127.0.0.1 only, and the unix socket inside the cluster's own folder (the system's
 * /var/run/postgresql may be another server's, or not writable) — none when that path would be
 * too long for a socket: every client here connects over TCP. Read by pg_ctl's shell, so quoted.
 */
function serverOptions(port: number, clusterDir: string): string {
  const socketFits = join(clusterDir, `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH;
  const socketDir = socketFits ? clusterDir : '';
  return `-p ${port} -c listen_addresses=127.0.0.1 -k '${socketDir.replaceAll("'", `'\\''`)}'`;
}

/** What a running cluster says it is: its data directory and the postmaster's start time. */
async function identity(port: number): Promise<{ dir: string; started: string } | undefined> {
  try {
    return await withPgClient(clusterUrl(port, 'postgres'), 2000, async (c) => {
      const sql = `SELECT current_setting('data_directory') AS dir, floor(extract(epoch FROM pg_postmaster_start_time()))::text AS started`;
      const row = (await c.query<{ dir: string; started: string }>(sql)).rows[0];
      return row ? { dir: row.dir, started: row.started } : undefined;
    });
  } catch {
    return undefined;
  }
}

async function clusterMatches(record: ClusterOwnerRecord, clusterDir: string): Promise<boolean> {
  const id = await identity(record.port);
  return id?.dir === clusterDir && id.started === record.token && alive(record.serverPid);
}

/** `postgres://postgres@127.0.0.1:<port>/<database>`: trust authentication, no password. */
export function clusterUrl(port: number, database = LEDGER_DATABASE): string {
  return `postgres://${CLUSTER_SUPERUSER}@127.0.0.1:${port}/${database}`;
}

async function createLedgerDatabase(port: number): Promise<void> {
  await withPgClient(clusterUrl(port, 'postgres'), 10_000, async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [LEDGER_DATABASE]);
    if (exists.rowCount) return;
    await c.query(`CREATE DATABASE ${LEDGER_DATABASE}`).catch((err: { code?: string }) => {
      if (err.code !== '42P04') throw err; // duplicate_database: another process just created it
    });
  });
}

/** The postmaster's pid from its lock file, when it names a running postgres. */
function postmasterPid(clusterDir: string): number | undefined {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined;
  // A pid recycled by another program is left alone (Linux can tell).
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('postgres') ? pid : undefined;
}

/**
 * Stops a postmaster still running on the cluster without a usable record (an earlier run's, its
 * record lost): two servers never share the files, and a new start needs them free. One whose
 * recorded owner runs is never stopped: starting is refused instead.
 */
async function stopStale(opts: ClusterOptions, clusterDir: string): Promise<void> {
  const pid = postmasterPid(clusterDir);
  if (pid === undefined) return;
  const record = records.read(opts.dataDir);
  if (record?.serverPid === pid && record.ownerPid !== process.pid && alive(record.ownerPid)) {
    throw new Error(
      `the private PostgreSQL cluster of ${clusterDir} (pid ${pid}, port ${record.port}) belongs to running process ${record.ownerPid} ` +
        `but does not answer as recorded: set DATABASE_URL=${clusterUrl(record.port)} or use another DATA_DIR`,
    );
  }
  await run(opts, clusterDir, 'pg_ctl', ['stop', '-D', clusterDir, '-m', 'fast', '-w', '-t', '60']);
}

/** Runs a PostgreSQL program as the cluster's account, from inside the cluster folder; rejects with its output when it fails. */
function run(opts: ClusterOptions, clusterDir: string, program: string, args: readonly string[]): Promise<void> {
  const ids = opts.account.kind === 'other' ? { uid: opts.account.uid, gid: opts.account.gid } : {};
  return new Promise((done, fail) => {
    const child = spawn(join(opts.binDir, program), args, { ...ids, cwd: clusterDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${program} ${args.join(' ')} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}
