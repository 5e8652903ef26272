import { Queue, type JobsOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { execReplicated, type ReplicaAck } from '../redis/redis-connection';
import { randomUUID } from 'node:crypto';
import { REFERRALS_QUEUE, WEBHOOKS_QUEUE } from './names';
import { IntakeShare, type IntakeShareOptions } from './intake-share';
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
  /** Each county's recent referrals in this process: the priorities of its next jobs. */
  readonly intakeShare: IntakeShare;
  readonly webhooks: Queue<WebhookJob>;
  /**
   * Resolves once the referral jobs written so far reached the replicas asked for (a failover then
   * loses no job of an acknowledged referral); throws ReplicationTimeoutError otherwise. Present on
   * a cluster connection with replicas asked for.
   */
  readonly jobsReplicated?: () => Promise<void>;
  close(): Promise<void>;
}

/** WAIT on the shared Cluster client BullMQ wrote the jobs with, routed to the queue's master by its `meta` key. */
function jobsReplicated(cluster: Cluster, metaKey: string, ack: ReplicaAck): () => Promise<void> {
  return async () => void (await execReplicated(cluster, cluster.pipeline().exists(metaKey), ack));
}

export function createQueues(connection: object, prefix?: string, ack?: ReplicaAck, share: IntakeShareOptions = {}): ServiceQueues {
  const opts = { connection, ...(prefix ? { prefix } : {}) };
  const referrals = new Queue<DispatchJob>(REFERRALS_QUEUE, opts);
  const webhooks = new Queue<WebhookJob>(WEBHOOKS_QUEUE, opts);
  const cluster: Cluster | undefined = connection instanceof Cluster ? (connection as Cluster) : undefined;
  return {
    referrals,
    intakeShare: new IntakeShare(share),
    webhooks,
    ...(cluster && ack && ack.replicas > 0
      ? { jobsReplicated: jobsReplicated(cluster, `${prefix ?? 'bull'}:${REFERRALS_QUEUE}:meta`, ack) }
      : {}),
    close: async () => {
      await Promise.all([referrals.close(), webhooks.close()]);
    },
  };
}

/**
 * Enqueues one dispatch job per case; the job id is the case id, so duplicates collapse. Beyond the
 * county's fair slice of late referrals (IntakeShare) jobs are prioritized, so one county's burst
 * never starves another's referrals. Without `share`, the slice is counted within this call only.
 */
export async function enqueueReferrals(
  queue: Queue<DispatchJob>,
  county: string,
  caseIds: readonly string[],
  share: IntakeShare = new IntakeShare(),
): Promise<void> {
  if (caseIds.length === 0) return;
  const acceptedAt = Date.now();
  const priorities = share.take(county, caseIds.length, acceptedAt);
  await queue.addBulk(
    caseIds.map((caseId, i) => {
      const data: ReferralJob = { kind: 'referral', county, caseId, acceptedAt };
      const priority = priorities[i] ?? 0;
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
