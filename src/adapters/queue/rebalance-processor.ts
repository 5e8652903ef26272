import { Worker, type ConnectionOptions, type Job, type Queue } from 'bullmq';
import { loadDispatchConfig, type DispatchConfig } from '../../domain/config/load';
import { CountyConfigs } from '../../use-cases/counties/county-configs';
import { RedisCountyRegistry } from '../redis/county-registry';
import { runRebalance } from '../../use-cases/rebalance/run-rebalance';
import { runView, type RebalanceRunView } from '../../use-cases/rebalance/run-schema';
import type { StabilityPolicy } from '../../planning/rebalance/policy';
import type { Logger } from 'pino';
import { RedisRebalanceStore } from '../redis/rebalance-store';
import type { TiaojieRedis } from '../redis/redis-connection';
import {
  createRebalanceQueue,
  REBALANCE_QUEUE,
  RebalanceJobSchema,
  upsertNightlyRebalance,
  type NightlySchedule,
  type RebalanceJob,
} from './rebalance-queue';

/** What the rebalance worker runs: parsed from the environment by the runtime (`rebalanceSettingsOf`). */
export interface RebalanceSettings {
  /** Counties with a nightly run. */
  readonly counties: readonly string[];
  /** Keep a nightly scheduler per county (off: on-demand runs only). */
  readonly nightly: boolean;
  readonly schedule: NightlySchedule;
  readonly policy: StabilityPolicy;
}

export interface RebalanceWorkerOptions {
  /** Store client (the county scripts). */
  readonly redis: TiaojieRedis;
  /** BullMQ connection options. */
  readonly connection: ConnectionOptions;
  /** BullMQ key prefix. @defaultValue "bull" */
  readonly prefix?: string;
  readonly log: Logger;
  readonly settings: RebalanceSettings;
  /** One configuration for every county. @defaultValue each county's own (its registered profile, else the bundled configuration) */
  readonly config?: DispatchConfig;
  /** @defaultValue 100000 */
  readonly eventsMaxLen?: number;
}

export interface RebalanceWorker {
  readonly queue: Queue<RebalanceJob>;
  readonly worker: Worker<RebalanceJob, RebalanceRunView>;
  close(): Promise<void>;
}

/**
 * Upserts each county's nightly scheduler (idempotent across replicas: one scheduler id per
 * county) and processes rebalance jobs one at a time. A run that finds the county locked by
 * another run returns `locked` — that other run is doing the work.
 */
export async function startRebalanceWorker(opts: RebalanceWorkerOptions): Promise<RebalanceWorker> {
  const queue = createRebalanceQueue(opts.connection, opts.prefix);
  if (opts.settings.nightly) {
    for (const county of opts.settings.counties) await upsertNightlyRebalance(queue, county, opts.settings.schedule);
    opts.log.info({ counties: opts.settings.counties, ...opts.settings.schedule }, 'nightly rebalance scheduled');
  }
  const fixed = opts.config;
  const configs = new CountyConfigs(new RedisCountyRegistry(opts.redis), loadDispatchConfig());
  const worker = new Worker<RebalanceJob, RebalanceRunView>(
    REBALANCE_QUEUE,
    async (job: Job<RebalanceJob>) => {
      const data = RebalanceJobSchema.parse(job.data);
      const store = new RedisRebalanceStore(opts.redis, data.county, { ...(opts.eventsMaxLen ? { eventsMaxLen: opts.eventsMaxLen } : {}) });
      const policy = {
        ...opts.settings.policy,
        ...(data.maxMovesPerMediator !== undefined ? { maxMovesPerMediator: data.maxMovesPerMediator } : {}),
        ...(data.maxMoves !== undefined ? { maxMoves: data.maxMoves } : {}),
      };
      // BullMQ gives every job it hands a worker an id; without one the run could not be named.
      if (job.id === undefined) throw new Error('rebalance job without an id');
      const county = await configs.of(data.county);
      // A disabled county takes no work (issue 21): its nightly run, or one queued before it was disabled, is skipped.
      if (county.status === 'disabled') {
        opts.log.info({ county: data.county, jobId: job.id, trigger: data.trigger }, 'rebalance skipped: the county is disabled');
        return { status: 'disabled', runId: job.id, county: data.county };
      }
      const config = fixed ?? county.config;
      const run = await runRebalance(store, { config, policy, dryRun: data.dryRun, runId: job.id });
      if (run.status === 'locked') {
        opts.log.warn({ county: data.county, jobId: job.id }, 'rebalance skipped: another run holds the county');
      } else {
        opts.log.info(
          {
            county: data.county,
            jobId: job.id,
            trigger: data.trigger,
            dryRun: run.dryRun,
            moves: run.plan.moves.length,
            byReason: run.plan.movesByReason,
            applied: run.applied?.applied.length ?? 0,
            refused: run.applied?.refused.length ?? 0,
            gain: run.plan.gain,
            solveMs: Math.round(run.plan.solveMs),
            totalMs: Math.round(run.totalMs),
          },
          'rebalance done',
        );
      }
      return runView(run);
    },
    { connection: opts.connection, concurrency: 1, ...(opts.prefix ? { prefix: opts.prefix } : {}) },
  );
  worker.on('failed', (job, err) => opts.log.warn({ jobId: job?.id, county: job?.data.county, err: err.message }, 'rebalance job failed'));
  return {
    queue,
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
