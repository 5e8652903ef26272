import Redis from 'ioredis';
import { ownerRecords, terminate, type BaseOwnerRecord, type RecordedServer as RecordedServerOf } from './owner-record';

/**
 * The owner record of the private redis-server of a DATA_DIR (DATA_DIR/redis-owner.json; the
 * rules are in owner-record.ts). The token is the server's `run_id`, the random id Redis draws at
 * every start (INFO server): the server holds it without any key being written (FLUSHALL cannot
 * remove it, no client can set it), and a server restarted on the same AOF has a new one.
 */
export interface OwnerRecord extends BaseOwnerRecord {
  readonly redisPid: number;
}

/** What a running server says it is. */
export interface ServerIdentity {
  readonly pid: number;
  readonly runId: string;
}

const records = ownerRecords<OwnerRecord>('redis-owner.json', ['redisPid']);

export const ownerFile = records.path;
export const writeOwnerRecord = records.write;
export const readOwnerRecord = records.read;
export const releaseOwnerRecord = records.release;
export const adopt = records.adopt;

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

export type RecordedServer = RecordedServerOf<OwnerRecord>;

export function findRecordedServer(dataDir: string): Promise<RecordedServer> {
  return records.find(dataDir, recordMatchesServer);
}
