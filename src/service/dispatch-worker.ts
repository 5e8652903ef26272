import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { extname, join } from 'node:path';
import { loadDispatchConfig } from '../config/load';
import { DispatchJobSchema, type DispatchJob, type DispatchJobResult } from '../queue/job-schemas';
import { REFERRALS_QUEUE } from '../queue/names';
import { createRedis, type TiaojieRedis } from '../store/redis-connection';
import { runCountyDispatch, type CountyDispatchResult, type CountyDispatchTask } from './county-dispatch';
import type { Logger } from './logger';
import type { ServiceMetrics } from './metrics';
import { MicroBatcher } from './micro-batcher';
import { ThreadPool } from './thread-pool';

/** Options of the dispatch worker. */
export interface DispatchWorkerOptions {
  readonly redisUrl: string;
  /** BullMQ connection options. */
  readonly connection: object;
  readonly log: Logger;
  readonly metrics?: ServiceMetrics;
  /** Jobs solved together at most. @defaultValue 64 */
  readonly batchSize?: number;
  /** Longest wait for a batch to fill, ms. @defaultValue 20 */
  readonly batchWaitMs?: number;
  /** Solve threads; 0 runs the solve on the main thread (tests, debugging). @defaultValue 1 */
  readonly solveThreads?: number;
  /** Node flags for the solve threads. @defaultValue the process's own */
  readonly threadExecArgv?: readonly string[];
  /** @defaultValue 100000 */
  readonly eventsMaxLen?: number;
  /** Job lock time; a dead worker's jobs return to the queue after it. @defaultValue 30000 */
  readonly lockDuration?: number;
  /** How often this worker looks for stalled jobs of dead workers. @defaultValue 30000 */
  readonly stalledInterval?: number;
  /** BullMQ key prefix (tests). */
  readonly prefix?: string;
  /** Wraps each county dispatch (tests use it to simulate a crash after commit). */
  readonly wrapDispatch?: (run: (t: CountyDispatchTask) => Promise<CountyDispatchResult>) => (t: CountyDispatchTask) => Promise<CountyDispatchResult>;
}

export interface DispatchWorker {
  readonly worker: Worker<DispatchJob, DispatchJobResult>;
  /** Stops taking jobs, finishes the ones in hand, then releases threads and connections. */
  close(): Promise<void>;
}

interface BatchItem {
  readonly job: DispatchJob;
}

function groupByCounty(items: readonly BatchItem[]): CountyDispatchTask[] {
  const by = new Map<string, { caseIds: string[]; all: boolean }>();
  for (const { job } of items) {
    const g = by.get(job.county) ?? { caseIds: [], all: false };
    if (job.kind === 'referral') g.caseIds.push(job.caseId);
    else g.all = true;
    by.set(job.county, g);
  }
  return [...by].map(([county, g]) => ({ county, caseIds: g.caseIds, all: g.all }));
}

/**
 * The dispatch worker: a BullMQ worker whose processor hands each job to a micro-batcher; a batch
 * (up to `batchSize` jobs or `batchWaitMs`) is dispatched jointly per county on a solve thread, and
 * each job completes with its own case's outcome. Infrastructure errors fail every job of the batch,
 * and BullMQ retries them with backoff; "unassigned" is an outcome, not an error.
 */
export async function startDispatchWorker(opts: DispatchWorkerOptions): Promise<DispatchWorker> {
  const batchSize = opts.batchSize ?? 64;
  const eventsMaxLen = opts.eventsMaxLen ?? 100_000;
  const threads = opts.solveThreads ?? 1;
  let redis: TiaojieRedis | undefined;
  let pool: ThreadPool | undefined;
  let run: (t: CountyDispatchTask) => Promise<CountyDispatchResult>;
  if (threads === 0) {
    const client = (redis = createRedis(opts.redisUrl));
    const config = loadDispatchConfig();
    run = (t) => runCountyDispatch(client, t, config, eventsMaxLen);
  } else {
    const ext = extname(__filename);
    const threadPool = (pool = new ThreadPool({
      filename: join(__dirname, '..', '..', 'workers', `dispatch-thread${ext}`),
      size: threads,
      workerData: { redisUrl: opts.redisUrl, eventsMaxLen },
      ...(opts.threadExecArgv ? { execArgv: opts.threadExecArgv } : {}),
    }));
    run = (t) => threadPool.run<CountyDispatchResult>(t);
  }
  if (opts.wrapDispatch) run = opts.wrapDispatch(run);

  const batcher = new MicroBatcher<BatchItem, DispatchJobResult>({
    maxSize: batchSize,
    maxWaitMs: opts.batchWaitMs ?? 20,
    run: async (items) => {
      opts.metrics?.batchSize.observe(items.length);
      const tasks = groupByCounty(items);
      const results = new Map<string, CountyDispatchResult>();
      await Promise.all(
        tasks.map(async (t) => {
          const r = await run(t);
          opts.metrics?.solveSeconds.observe(r.dispatchMs / 1000);
          results.set(t.county, r);
        }),
      );
      const now = Date.now();
      return items.map(({ job }) => {
        const r = results.get(job.county)!;
        if (job.kind === 'dispatch') return { status: 'dispatched', assigned: r.assigned, unassigned: r.unassigned };
        const outcome = r.outcomes[job.caseId] ?? { status: 'not_waiting', caseId: job.caseId, caseStatus: null };
        if (outcome.status !== 'not_waiting') opts.metrics?.assignmentLatency.observe({ outcome: outcome.status }, (now - job.acceptedAt) / 1000);
        return outcome;
      });
    },
  });

  const worker = new Worker<DispatchJob, DispatchJobResult>(
    REFERRALS_QUEUE,
    async (job: Job<DispatchJob>) => {
      const parsed = DispatchJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed job data: ${parsed.error.issues[0]?.message}`);
      return batcher.submit({ job: parsed.data });
    },
    {
      connection: opts.connection,
      // Enough jobs in hand to fill one batch while the previous one solves.
      concurrency: batchSize * 2,
      lockDuration: opts.lockDuration ?? 30_000,
      stalledInterval: opts.stalledInterval ?? 30_000,
      ...(opts.prefix ? { prefix: opts.prefix } : {}),
    },
  );
  worker.on('failed', (job, err) =>
    opts.log.warn({ jobId: job?.id, county: job?.data.county, attempt: job?.attemptsMade, err: err.message }, 'dispatch job failed'),
  );
  worker.on('error', (err) => opts.log.error({ err }, 'dispatch worker error'));
  await worker.waitUntilReady();
  opts.log.info({ batchSize, batchWaitMs: opts.batchWaitMs ?? 20, solveThreads: threads }, 'dispatch worker started');

  return {
    worker,
    close: async () => {
      await worker.close();
      await batcher.drain();
      await pool?.close();
      redis?.disconnect();
    },
  };
}
