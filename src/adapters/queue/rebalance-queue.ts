import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CountyIdSchema } from '../../domain/access';
import { safeJobId } from './queues';

/** The rebalance queue: nightly scheduled runs and on-demand applies, one job per county run. */
export const REBALANCE_QUEUE = 'rebalance';

/** Rebalance one county (job data: ids only). */
export const RebalanceJobSchema = z.strictObject({
  county: CountyIdSchema,
  /** Only compute the plan. */
  dryRun: z.boolean(),
  /** `nightly` from the job scheduler, `manual` from POST /v1/rebalance. */
  trigger: z.enum(['nightly', 'manual']),
  /** Label of the API key that asked, or `scheduler`. */
  requestedBy: z.string(),
  /** Discretionary moves per mediator at most (overrides the configured cap). */
  maxMovesPerMediator: z.number().int().min(0).optional(),
  /** Discretionary moves in the run at most, county-wide (overrides the configured budget). */
  maxMoves: z.number().int().min(0).optional(),
});
export type RebalanceJob = z.infer<typeof RebalanceJobSchema>;

/** When the nightly run fires. */
export interface NightlySchedule {
  /** Cron pattern (BullMQ/cron-parser syntax). @defaultValue "0 2 * * *" */
  readonly pattern: string;
  /** IANA time zone of the pattern. @defaultValue "Asia/Shanghai" */
  readonly tz: string;
}

export const DEFAULT_NIGHTLY_SCHEDULE: NightlySchedule = { pattern: '0 2 * * *', tz: 'Asia/Shanghai' };

const REBALANCE_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

export function createRebalanceQueue(connection: ConnectionOptions, prefix?: string): Queue<RebalanceJob> {
  return new Queue<RebalanceJob>(REBALANCE_QUEUE, { connection, ...(prefix ? { prefix } : {}) });
}

/** The scheduler id of a county: the same on every replica, so upserts collapse into one. */
export function nightlySchedulerId(county: string): string {
  return safeJobId(`rebalance-nightly-${county}`);
}

/**
 * Creates or updates the county's nightly job scheduler. Every API/worker replica may call this
 * at start: the scheduler id is fixed per county, so there is one scheduler and one job per night.
 */
export async function upsertNightlyRebalance(
  queue: Queue<RebalanceJob>,
  county: string,
  schedule: NightlySchedule = DEFAULT_NIGHTLY_SCHEDULE,
): Promise<void> {
  const data: RebalanceJob = { county, dryRun: false, trigger: 'nightly', requestedBy: 'scheduler' };
  await queue.upsertJobScheduler(
    nightlySchedulerId(county),
    { pattern: schedule.pattern, tz: schedule.tz },
    { name: 'nightly', data, opts: REBALANCE_JOB_OPTIONS },
  );
}

/** Enqueues an on-demand run; returns its job id. */
export async function enqueueRebalance(queue: Queue<RebalanceJob>, job: Omit<RebalanceJob, 'trigger'>): Promise<string> {
  const data: RebalanceJob = { ...job, trigger: 'manual' };
  const jobId = safeJobId(`rebalance-${job.county}-${randomUUID()}`);
  const added = await queue.add('manual', data, { ...REBALANCE_JOB_OPTIONS, jobId });
  return added.id ?? jobId;
}
