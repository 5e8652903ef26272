import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Redis from 'ioredis';

/**
 * Who owns the private redis-server of a DATA_DIR. The process that starts it writes
 * DATA_DIR/redis-owner.json (mode 600): its own pid, the server's pid, port and data dir, and the
 * server's `run_id` as the token. `run_id` is the random id Redis draws at every start (INFO
 * server): the server holds it without any key being written (FLUSHALL cannot remove it, no client
 * can set it), and a server restarted on the same AOF has a new one, so a stale record never
 * matches. Rules:
 * - a process stops only a server whose record names it as owner and whose run_id and pid match;
 * - a process that finds the server running while its owner lives just uses it;
 * - a server whose owner is dead (killed with -9) is an orphan: the next process adopts it — it
 *   rewrites the record with its own pid — and stops it on exit, as the owner would have.
 */
export interface OwnerRecord {
  /** The process that stops the server. */
  readonly ownerPid: number;
  readonly redisPid: number;
  readonly port: number;
  readonly dataDir: string;
  /** The server's INFO run_id when the record was written. */
  readonly token: string;
}

/** What a running server says it is. */
export interface ServerIdentity {
  readonly pid: number;
  readonly runId: string;
}

const OWNER_FILE = 'redis-owner.json';

export function ownerFile(dataDir: string): string {
  return join(resolve(dataDir), OWNER_FILE);
}

export function writeOwnerRecord(record: OwnerRecord): void {
  writeFileSync(ownerFile(record.dataDir), JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
}

export function readOwnerRecord(dataDir: string): OwnerRecord | undefined {
  const file = ownerFile(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Partial<OwnerRecord>;
    const ints = [r.ownerPid, r.redisPid, r.port].every((n) => Number.isInteger(n) && (n as number) > 0);
    return ints && typeof r.token === 'string' && typeof r.dataDir === 'string' ? (r as OwnerRecord) : undefined;
  } catch {
    return undefined; // unreadable: no one's record, so no one stops the server on its word
  }
}

/** Removes the record if it is still this process's. */
export function releaseOwnerRecord(dataDir: string): void {
  if (readOwnerRecord(dataDir)?.ownerPid === process.pid) rmSync(ownerFile(dataDir), { force: true });
}

/** True while `pid` runs (EPERM: it runs under another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGTERM, then up to 5 s for the process to go. */
export async function terminate(pid: number): Promise<void> {
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Runs `probe` on a one-off client of `url` that neither retries nor queues (a startup check must
 * not hang); undefined when nothing answers or the probe fails.
 */
export async function probeRedis<T>(url: string, timeoutMs: number, probe: (client: Redis) => Promise<T>): Promise<T | undefined> {
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
    return await probe(client);
  } catch {
    return undefined;
  } finally {
    client.disconnect();
  }
}

/** The pid and run_id of the server at `url`, or undefined when nothing answers. */
export async function serverIdentity(url: string): Promise<ServerIdentity | undefined> {
  return probeRedis(url, 1000, async (client) => {
    const info = await client.info('server');
    const pid = Number(/process_id:(\d+)/.exec(info)?.[1]);
    const runId = /run_id:([0-9a-f]+)/.exec(info)?.[1];
    return Number.isInteger(pid) && runId ? { pid, runId } : undefined;
  });
}

/** True when `record` describes the server answering at 127.0.0.1:record.port right now. */
export async function recordMatchesServer(record: OwnerRecord): Promise<boolean> {
  const id = await serverIdentity(`redis://127.0.0.1:${record.port}`);
  return id !== undefined && id.runId === record.token && id.pid === record.redisPid;
}

/** Stops the recorded server only if this process owns it and the server is still the recorded one. */
export async function stopIfOwned(dataDir: string): Promise<boolean> {
  const record = readOwnerRecord(dataDir);
  if (!record || record.ownerPid !== process.pid || !(await recordMatchesServer(record))) return false;
  await terminate(record.redisPid);
  releaseOwnerRecord(dataDir);
  return true;
}

/** The private server of a DATA_DIR as its record describes it, when it answers as recorded. */
export type RecordedServer =
  | { readonly kind: 'none' }
  /** Its owner runs: use it, never stop it. */
  | { readonly kind: 'owned'; readonly record: OwnerRecord }
  /** Its owner is gone (killed with -9): it may be adopted. */
  | { readonly kind: 'orphaned'; readonly record: OwnerRecord };

export async function findRecordedServer(dataDir: string): Promise<RecordedServer> {
  const record = readOwnerRecord(dataDir);
  if (!record || !(await recordMatchesServer(record))) return { kind: 'none' };
  return record.ownerPid !== process.pid && alive(record.ownerPid) ? { kind: 'owned', record } : { kind: 'orphaned', record };
}

/** Makes this process the owner of an orphaned server: the record names it, so it stops the server on exit. */
export function adopt(record: OwnerRecord): OwnerRecord {
  const adopted = { ...record, ownerPid: process.pid };
  writeOwnerRecord(adopted);
  return adopted;
}
