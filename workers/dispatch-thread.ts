/**
 * Worker-thread entry: runs county dispatches (snapshot, solve, commit) off the main event loop,
 * so long solves never delay the BullMQ lock renewals of the jobs waiting for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDispatchConfig } from '../src/domain/config/load';
import { runCountyDispatch, type CountyDispatchTask } from '../src/adapters/queue/county-dispatch';
import type { ThreadReply, ThreadRequest } from '../src/runtime/thread-pool';
import { createRedis } from '../src/adapters/redis/redis-connection';

export interface DispatchThreadData {
  readonly redisUrl: string;
  readonly eventsMaxLen: number;
}

const data = workerData as DispatchThreadData;
const redis = createRedis(data.redisUrl);
redis.on('error', () => undefined); // reported through the failing calls
const config = loadDispatchConfig();

parentPort!.on('message', ({ id, task }: ThreadRequest) => {
  runCountyDispatch(redis, task as CountyDispatchTask, config, data.eventsMaxLen).then(
    (result) => parentPort!.postMessage({ id, ok: true, result } satisfies ThreadReply),
    (err: unknown) => parentPort!.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ThreadReply),
  );
});
