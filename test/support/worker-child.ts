/**
 * A dispatch worker in its own process, for the "killed worker" test. With HANG_AFTER_COMMIT=1
 * it commits its first batch, tells the parent, and then never completes the jobs — the state of
 * a worker that dies between the Redis commit and the job acknowledgement.
 */
import pino from 'pino';
import { startDispatchWorker } from '../../src/runtime/start-dispatch-worker';
import { bullConnection } from '../../src/adapters/redis/redis-connection';

const url = process.env.REDIS_URL!;
void startDispatchWorker({
  redisUrl: url,
  connection: bullConnection(url),
  log: pino({ level: 'silent' }),
  prefix: process.env.QUEUE_PREFIX!,
  batchSize: Number(process.env.BATCH_SIZE ?? 20),
  batchWaitMs: 20,
  solveThreads: 0,
  lockDuration: Number(process.env.JOB_LOCK_MS ?? 1000),
  // BullMQ rate-limits the stalled check queue-wide by the last checker's interval: keep it short here too.
  stalledInterval: Number(process.env.STALLED_CHECK_MS ?? 500),
  wrapDispatch: (run) => async (task) => {
    const result = await run(task);
    if (process.env.HANG_AFTER_COMMIT === '1') {
      process.send?.({ committed: Object.keys(result.outcomes) });
      return new Promise(() => undefined);
    }
    return result;
  },
}).then(() => process.send?.({ ready: true }));
