import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { throttled } from '../domain/throttle';
import { ReplicationTimeoutError } from '../domain/errors';
import { extname, join } from 'node:path';
import { loadDispatchConfig } from '../domain/config/load';
import { DispatchJobSchema, type DispatchJob, type DispatchJobResult } from '../adapters/queue/job-schemas';
import { REFERRALS_QUEUE } from '../adapters/queue/names';
import { createRedis, type ReplicaAck, type TiaojieRedis } from '../adapters/redis/redis-connection';
import type { DispatchThreadData } from './dispatch-thread-main';
import { CountyBatchers } from '../adapters/queue/county-batchers';
import { runCountyDispatch, type CountyDispatchResult, type CountyDispatchTask } from '../adapters/queue/county-dispatch';
import type { Logger } from './logger';
import type { ServiceMetrics } from '../adapters/metrics/service-metrics';
import { ThreadCallError, ThreadPool } from './thread-pool';
import { RedisCountyRegistry } from '../adapters/redis/county-registry';
import { CountyConfigs } from '../use-cases/counties/county-configs';

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
  /** Replicas each commit must reach before its jobs complete (a timeout fails the batch: its jobs retry). @defaultValue none */
  readonly ack?: ReplicaAck;
  /** Job lock time; a dead worker's jobs return to the queue after it. @defaultValue 30000 */
  readonly lockDuration?: number;
  /**
   * How often this worker looks for stalled jobs of dead workers: one check marks the active jobs,
   * the next moves those whose lock has expired back to the queue, so a dead worker's job is taken
   * over within lockDuration + stalledInterval (when stalledInterval ≤ lockDuration). @defaultValue 5000
   */
  readonly stalledInterval?: number;
  /**
   * While a job's county is being rebalanced the job goes back to the queue, delayed this long, and
   * is tried again (instead of holding a worker slot other counties need). @defaultValue 500
   */
  readonly rebalanceRetryMs?: number;
  /**
   * While a job's county is disabled (issue 21) the job goes back to the queue, delayed this long,
   * and is tried again: enabling the county resumes its work within this time. @defaultValue 30000
   */
  readonly disabledRetryMs?: number;
  /**
   * When a batch's commit was not acknowledged by the replicas REDIS_ACK_REPLICAS asks for (a
   * failover left the county's master without one), its jobs go back to the queue, delayed this
   * long, not counted as attempts: the cases are decided once the replicas return, however long
   * that takes, instead of failing after the attempts' ~30 s of backoff. @defaultValue 2000
   */
  readonly replicaRetryMs?: number;
  /** BullMQ key prefix (tests). */
  readonly prefix?: string;
  /** Wraps each county dispatch (tests use it to simulate a crash after commit). */
  readonly wrapDispatch?: (
    run: (t: CountyDispatchTask) => Promise<CountyDispatchResult>,
  ) => (t: CountyDispatchTask) => Promise<CountyDispatchResult>;
}

export interface DispatchWorker {
  readonly worker: Worker<DispatchJob, DispatchJobResult>;
  /** Stops taking jobs, finishes the ones in hand, then releases threads and connections. */
  close(): Promise<void>;
}

/** A job's answer from its county's batch: its result, or DEFERRED while the county is being rebalanced. */
const DEFERRED = Symbol('deferred: the county is being rebalanced');
const HELD = Symbol('held: the county is disabled');
const UNREPLICATED = Symbol('unreplicated: the commit reached too few replicas');
type BatchAnswer = DispatchJobResult | typeof DEFERRED | typeof HELD | typeof UNREPLICATED;

/** A ReplicationTimeoutError, in this thread or from a solve thread (ThreadCallError with its code). */
function isReplicationTimeout(err: unknown): boolean {
  return err instanceof ReplicationTimeoutError || (err instanceof ThreadCallError && err.code === 'replication_timeout');
}

/** One county's jobs of a batch as one dispatch task. */
function countyTask(county: string, jobs: readonly DispatchJob[]): CountyDispatchTask {
  const caseIds = jobs.flatMap((j) => (j.kind === 'referral' ? [j.caseId] : []));
  return { county, caseIds, all: jobs.some((j) => j.kind === 'dispatch') };
}

/**
 * The dispatch worker: a BullMQ worker whose processor hands each job to its county's
 * micro-batcher; a county's batch (up to `batchSize` jobs or `batchWaitMs`) is dispatched jointly
 * on a solve thread, and each job completes with its own case's outcome. Counties are batched and
 * dispatched independently, so one county's wait (its nightly rebalance) never delays another's.
 * While a county is being rebalanced its jobs go back to the queue, delayed, and are dispatched
 * after it. Infrastructure errors fail every job of the batch, and BullMQ retries them with
 * backoff; "unassigned" is an outcome, not an error.
 */
export async function startDispatchWorker(opts: DispatchWorkerOptions): Promise<DispatchWorker> {
  const batchSize = opts.batchSize ?? 64;
  const eventsMaxLen = opts.eventsMaxLen ?? 100_000;
  const threads = opts.solveThreads ?? 1;
  const rebalanceRetryMs = opts.rebalanceRetryMs ?? 500;
  const disabledRetryMs = opts.disabledRetryMs ?? 30_000;
  const replicaRetryMs = opts.replicaRetryMs ?? 2000;
  let redis: TiaojieRedis | undefined;
  let pool: ThreadPool | undefined;
  let run: (t: CountyDispatchTask) => Promise<CountyDispatchResult>;
  if (threads === 0) {
    const client = (redis = createRedis(opts.redisUrl, {}, opts.ack));
    const configs = new CountyConfigs(new RedisCountyRegistry(client), loadDispatchConfig());
    run = (t) => runCountyDispatch(client, t, configs, eventsMaxLen);
  } else {
    const ext = extname(__filename);
    const threadPool = (pool = new ThreadPool({
      filename: join(__dirname, '..', '..', 'workers', `dispatch-thread${ext}`),
      size: threads,
      workerData: { redisUrl: opts.redisUrl, eventsMaxLen, ...(opts.ack ? { ack: opts.ack } : {}) } satisfies DispatchThreadData,
      ...(opts.threadExecArgv ? { execArgv: opts.threadExecArgv } : {}),
    }));
    run = (t) => threadPool.run<CountyDispatchResult>(t);
  }
  if (opts.wrapDispatch) run = opts.wrapDispatch(run);

  const answer = (job: DispatchJob, r: CountyDispatchResult, now: number): DispatchJobResult => {
    if (job.kind === 'dispatch') return { status: 'dispatched', assigned: r.assigned, unassigned: r.unassigned };
    const outcome = r.outcomes[job.caseId] ?? { status: 'not_waiting', caseId: job.caseId, caseStatus: null };
    if (outcome.status !== 'not_waiting')
      opts.metrics?.assignmentLatency.observe({ outcome: outcome.status }, (now - job.acceptedAt) / 1000);
    return outcome;
  };

  const batchers = new CountyBatchers<DispatchJob, BatchAnswer>({
    maxSize: batchSize,
    maxWaitMs: opts.batchWaitMs ?? 20,
    run: async (county, jobs) => {
      let r: CountyDispatchResult;
      try {
        r = await run(countyTask(county, jobs));
      } catch (err) {
        if (!isReplicationTimeout(err)) throw err;
        opts.log.warn({ county, jobs: jobs.length }, 'dispatch commit not acknowledged by the replicas: jobs wait for them');
        return jobs.map(() => UNREPLICATED);
      }
      // The county is being rebalanced: its jobs leave the worker rather than wait in it, where
      // they would fill the slots (concurrency) other counties' jobs need.
      if (r.deferred) return jobs.map(() => (r.deferredBy === 'disabled' ? HELD : DEFERRED));
      // A bad stored record is left out, not fatal: reported here (never its value), and the county goes on.
      for (const q of r.quarantined) {
        opts.log.warn({ county, kind: q.kind, id: q.id, reason: q.reason }, 'stored record failed validation: quarantined');
        opts.metrics?.recordsQuarantined.inc({ county, kind: q.kind });
      }
      opts.metrics?.batchSize.observe(jobs.length);
      opts.metrics?.solveSeconds.observe(r.dispatchMs / 1000);
      const now = Date.now();
      return jobs.map((job) => answer(job, r, now));
    },
  });

  const worker = new Worker<DispatchJob, DispatchJobResult>(
    REFERRALS_QUEUE,
    async (job: Job<DispatchJob>, token?: string) => {
      const parsed = DispatchJobSchema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed job data: ${parsed.error.issues[0]?.message}`);
      const result = await batchers.submit(parsed.data.county, parsed.data);
      if (result !== DEFERRED && result !== HELD && result !== UNREPLICATED) return result;
      // Back to the queue until the rebalance is over (the county enabled, the replicas back); not counted as an attempt.
      const delay = result === HELD ? disabledRetryMs : result === UNREPLICATED ? replicaRetryMs : rebalanceRetryMs;
      await job.moveToDelayed(Date.now() + delay, token);
      throw new DelayedError();
    },
    {
      connection: opts.connection,
      // Enough jobs in hand to fill one batch while the previous one solves.
      concurrency: batchSize * 2,
      lockDuration: opts.lockDuration ?? 30_000,
      stalledInterval: opts.stalledInterval ?? 5000,
      // A job whose worker died is retried once more before it fails (BullMQ's default, stated here).
      maxStalledCount: 1,
      ...(opts.prefix ? { prefix: opts.prefix } : {}),
    },
  );
  worker.on('failed', (job, err) =>
    opts.log.warn({ jobId: job?.id, county: job?.data.county, attempt: job?.attemptsMade, err: err.message }, 'dispatch job failed'),
  );
  worker.on(
    'error',
    throttled(30_000, (repeated, err: Error) => opts.log.error({ err, repeated }, 'dispatch worker error')),
  );
  await worker.waitUntilReady();
  opts.log.info({ batchSize, batchWaitMs: opts.batchWaitMs ?? 20, solveThreads: threads }, 'dispatch worker started');

  return {
    worker,
    close: async () => {
      await worker.close();
      await batchers.drain();
      await pool?.close();
      redis?.disconnect();
    },
  };
}
