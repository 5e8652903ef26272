import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../domain/errors';
import { loadDispatchConfig } from '../domain/config/load';
import { runCountyDispatch, type CountyDispatchTask } from '../adapters/queue/county-dispatch';
import type { ThreadReply, ThreadRequest } from './thread-pool';
import { createRedis, type ReplicaAck } from '../adapters/redis/redis-connection';
import { RedisCountyRegistry } from '../adapters/redis/county-registry';
import { CountyConfigs } from '../use-cases/counties/county-configs';

/** What the dispatch worker hands each solve thread (`workerData`). */
export interface DispatchThreadData {
  readonly redisUrl: string;
  readonly eventsMaxLen: number;
  /** Replicas each commit must reach (REDIS_ACK_REPLICAS). @defaultValue none */
  readonly ack?: ReplicaAck;
}

/**
 * The body of a dispatch thread: runs county dispatches (snapshot, solve, commit) off the main
 * event loop, so long solves never delay the BullMQ lock renewals of the jobs waiting for them.
 * Call it once, from the thread's entry file (workers/dispatch-thread.ts).
 */
export function runDispatchThread(): void {
  const port = parentPort;
  if (!port) throw new Error('runDispatchThread: not in a worker thread');
  const data = workerData as DispatchThreadData;
  const redis = createRedis(data.redisUrl, {}, data.ack);
  redis.on('error', () => undefined); // reported through the failing calls
  const configs = new CountyConfigs(new RedisCountyRegistry(redis), loadDispatchConfig());
  port.on('message', ({ id, task }: ThreadRequest) => {
    runCountyDispatch(redis, task as CountyDispatchTask, configs, data.eventsMaxLen).then(
      (result) => port.postMessage({ id, ok: true, result } satisfies ThreadReply),
      (err: unknown) =>
        port.postMessage({
          id,
          ok: false,
          error: err instanceof Error ? err.message : String(err),
          ...(err instanceof AppError ? { code: err.code } : {}),
        } satisfies ThreadReply),
    );
  });
}
