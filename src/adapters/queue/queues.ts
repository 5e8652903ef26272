import { Queue, type JobsOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { connectRedis, execReplicated, fastReconnect, type RedisClient, type ReplicaAck } from '../redis/redis-connection';
import { randomUUID } from 'node:crypto';
import { REFERRALS_QUEUE, WEBHOOKS_QUEUE } from './names';
import { IntakeShare, slicePriorities, type IntakeShareOptions } from './intake-share';
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
  /** Each county's recent referrals (counted in Redis, shared by every process): the priorities of its next jobs. */
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

function countingClient(url: string): RedisClient {
  const client = connectRedis(url, { maxRetriesPerRequest: 1, retryStrategy: fastReconnect, enableAutoPipelining: true });
  // Its failures reach the intake that counts (a 503 there); the event would only repeat them.
  client.on('error', () => undefined);
  return client;
}

/**
 * The client IntakeShare counts with: the Cluster client BullMQ shares, or, for one server, a client
 * of its own made at the first count (a worker process never makes one).
 */
function shareClient(connection: object): { readonly get: () => Promise<RedisClient>; readonly close: () => void } {
  if (connection instanceof Cluster) return { get: () => Promise.resolve(connection), close: () => undefined };
  const { url } = connection as { url: string };
  let client: RedisClient | undefined;
  return {
    get: () => Promise.resolve((client ??= countingClient(url))),
    close: () => client?.disconnect(),
  };
}

export function createQueues(connection: object, prefix?: string, ack?: ReplicaAck, share: IntakeShareOptions = {}): ServiceQueues {
  const opts = { connection, ...(prefix ? { prefix } : {}) };
  const referrals = new Queue<DispatchJob>(REFERRALS_QUEUE, opts);
  const webhooks = new Queue<WebhookJob>(WEBHOOKS_QUEUE, opts);
  const cluster: Cluster | undefined = connection instanceof Cluster ? (connection as Cluster) : undefined;
  const counter = shareClient(connection);
  return {
    referrals,
    intakeShare: new IntakeShare(counter.get, share),
    webhooks,
    ...(cluster && ack && ack.replicas > 0
      ? { jobsReplicated: jobsReplicated(cluster, `${prefix ?? 'bull'}:${REFERRALS_QUEUE}:meta`, ack) }
      : {}),
    close: async () => {
      await Promise.all([referrals.close(), webhooks.close()]);
      counter.close();
    },
  };
}

/**
 * Enqueues one dispatch job per case; the job id is the case id, so duplicates collapse. Beyond the
 * county's fair slice of late referrals (IntakeShare) jobs are prioritized, so one county's burst
 * never starves another's referrals. Without `share`, the default slice is counted within this call only.
 */
export async function enqueueReferrals(
  queue: Queue<DispatchJob>,
  county: string,
  caseIds: readonly string[],
  share?: IntakeShare,
): Promise<void> {
  if (caseIds.length === 0) return;
  const acceptedAt = Date.now();
  const priorities = share ? await share.take(county, caseIds.length, acceptedAt) : slicePriorities(0, caseIds.length, 64);
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
