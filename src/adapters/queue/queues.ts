import { Queue, type JobsOptions } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { REFERRALS_QUEUE, WEBHOOKS_QUEUE } from './names';
import type { DispatchAllJob, DispatchJob, ReferralJob, WebhookJob } from './job-schemas';

/**
 * Infrastructure faults are retried with exponential backoff; the outcome "unassigned" is a
 * result, never an error, so it is not retried.
 */
const DISPATCH_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 250 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

const WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** BullMQ forbids ':' in custom job ids; case ids never have one, but guard the rule here. */
export function safeJobId(raw: string): string {
  return raw.replace(/:/g, '_');
}

export interface ServiceQueues {
  readonly referrals: Queue<DispatchJob>;
  readonly webhooks: Queue<WebhookJob>;
  close(): Promise<void>;
}

export function createQueues(connection: object, prefix?: string): ServiceQueues {
  const opts = { connection, ...(prefix ? { prefix } : {}) };
  const referrals = new Queue<DispatchJob>(REFERRALS_QUEUE, opts);
  const webhooks = new Queue<WebhookJob>(WEBHOOKS_QUEUE, opts);
  return {
    referrals,
    webhooks,
    close: async () => {
      await Promise.all([referrals.close(), webhooks.close()]);
    },
  };
}

/**
 * Jobs of one intake request that go straight to the queue's FIFO; the rest wait behind every
 * county's live referrals. One dispatch batch by default. @defaultValue 64
 */
const FAIR_SLICE = 64;

/**
 * The BullMQ priority of the i-th job of one request: 0 (the FIFO, taken first) for the first
 * `slice`, then 1, 2, … per further slice. BullMQ takes its FIFO before any prioritized job, and
 * prioritized jobs by priority, so a county posting a backlog in bulk cannot push other counties'
 * referrals behind it: they pass it, and two bulk backlogs are taken a slice of each in turn.
 */
function fairPriority(index: number, slice: number = FAIR_SLICE): number {
  return Math.floor(index / slice);
}

/**
 * Enqueues one dispatch job per case; the job id is the case id, so duplicates collapse. Beyond its
 * first `slice` jobs a request's jobs are prioritized (fairPriority), so one county's bulk never
 * starves another's referrals.
 */
export async function enqueueReferrals(
  queue: Queue<DispatchJob>,
  county: string,
  caseIds: readonly string[],
  slice: number = FAIR_SLICE,
): Promise<void> {
  if (caseIds.length === 0) return;
  const acceptedAt = Date.now();
  await queue.addBulk(
    caseIds.map((caseId, i) => {
      const data: ReferralJob = { kind: 'referral', county, caseId, acceptedAt };
      const priority = fairPriority(i, slice);
      return { name: 'referral', data, opts: { ...DISPATCH_JOB_OPTIONS, jobId: safeJobId(caseId), ...(priority > 0 ? { priority } : {}) } };
    }),
  );
}

/** Enqueues a "dispatch all waiting cases" job; returns its id. */
export async function enqueueDispatchAll(queue: Queue<DispatchJob>, county: string, requestedBy: string): Promise<string> {
  const data: DispatchAllJob = { kind: 'dispatch', county, requestedBy };
  const jobId = `dispatch-${county}-${randomUUID()}`;
  const job = await queue.add('dispatch', data, { ...DISPATCH_JOB_OPTIONS, jobId });
  return job.id ?? jobId;
}

/** One delivery job per (webhook, event); the id makes a repeated enqueue harmless. */
export async function enqueueWebhookDeliveries(queue: Queue<WebhookJob>, deliveries: readonly WebhookJob[]): Promise<void> {
  if (deliveries.length === 0) return;
  await queue.addBulk(
    deliveries.map((d) => ({
      name: 'deliver',
      data: d,
      opts: { ...WEBHOOK_JOB_OPTIONS, jobId: safeJobId(`wh-${d.webhookId}-${d.eventId}`) },
    })),
  );
}
