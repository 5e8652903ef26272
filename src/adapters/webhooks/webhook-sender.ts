import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { throttled } from '../../domain/throttle';
import type { TiaojieRedis } from '../redis/redis-connection';
import { readEvent } from '../redis/events';
import { WebhookRepo } from '../redis/webhook-repo';
import { WEBHOOKS_QUEUE } from '../queue/names';
import { WebhookJobSchema, type WebhookJob } from '../queue/job-schemas';
import type { Logger } from 'pino';
import { signWebhook } from './webhook-signature';
import { guardedPost, TargetRefusedError, type PostRequest, type TargetGuard } from './guarded-post';
import { systemResolver } from './dns-resolver';
import type { WebhookTargetPolicy } from '../../domain/webhook-target';

/** Options of the webhook delivery worker. */
export interface WebhookSenderOptions {
  readonly redis: TiaojieRedis;
  readonly connection: object;
  readonly log: Logger;
  /** Deliveries in flight. @defaultValue 16 */
  readonly concurrency?: number;
  /** Per-delivery timeout. @defaultValue 5000 */
  readonly timeoutMs?: number;
  /** BullMQ key prefix (tests). */
  readonly prefix?: string;
  /** Which targets may be delivered to (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOWED_HOSTS). */
  readonly policy: WebhookTargetPolicy;
  /** Host name resolution (tests stub it). @defaultValue the system resolver (dns.lookup) */
  readonly resolve?: TargetGuard['resolve'];
}

export type DeliveryResult =
  { readonly status: 'delivered'; readonly httpStatus: number } | { readonly status: 'skipped'; readonly why: string };

/**
 * Sends one delivery; throws (so BullMQ retries with backoff) on network errors and non-2xx, a 3xx
 * included: redirects are not followed. A target the guard refuses fails at once, without retries
 * (UnrecoverableError): the job's failedReason says why.
 */
export async function deliver(redis: TiaojieRedis, job: WebhookJob, timeoutMs: number, guard: TargetGuard): Promise<DeliveryResult> {
  const hook = await new WebhookRepo(redis, job.county).get(job.webhookId);
  if (!hook) return { status: 'skipped', why: 'webhook removed' };
  const event = await readEvent(redis, job.county, job.eventId);
  if (!event) return { status: 'skipped', why: 'event no longer kept' };
  const body = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'tiaojie-webhooks/1',
    'X-Tiaojie-Event': event.type,
    'X-Tiaojie-Event-Id': event.id,
    'X-Tiaojie-Timestamp': String(timestamp),
    'X-Tiaojie-Signature': signWebhook(hook.secret, timestamp, body),
  };
  const status = await postOrRefuse(new URL(hook.url), { headers, body, timeoutMs }, guard);
  // Fails the BullMQ job so it is retried with backoff; no client waits on it: a plain Error.
  if (status >= 300 && status < 400) throw new Error(`webhook answered HTTP ${status}; redirects are not followed`);
  if (status < 200 || status >= 300) throw new Error(`webhook answered HTTP ${status}`);
  return { status: 'delivered', httpStatus: status };
}

async function postOrRefuse(url: URL, req: PostRequest, guard: TargetGuard): Promise<number> {
  try {
    return await guardedPost(url, req, guard);
  } catch (err) {
    if (err instanceof TargetRefusedError) throw new UnrecoverableError(`webhook target refused: ${err.message}`);
    throw err;
  }
}

/** The BullMQ worker of the `webhooks` queue: its own process budget, never in dispatch's way. */
export function startWebhookSender(opts: WebhookSenderOptions): Worker<WebhookJob, DeliveryResult> {
  const guard: TargetGuard = { policy: opts.policy, resolve: opts.resolve ?? systemResolver() };
  const worker = new Worker<WebhookJob, DeliveryResult>(
    WEBHOOKS_QUEUE,
    async (job: Job<WebhookJob>) => deliver(opts.redis, WebhookJobSchema.parse(job.data), opts.timeoutMs ?? 5000, guard),
    { connection: opts.connection, concurrency: opts.concurrency ?? 16, ...(opts.prefix ? { prefix: opts.prefix } : {}) },
  );
  worker.on('failed', (job, err) =>
    opts.log.warn(
      { webhookId: job?.data.webhookId, eventId: job?.data.eventId, attempt: job?.attemptsMade, err: err.message },
      'webhook delivery failed',
    ),
  );
  worker.on(
    'error',
    throttled(30_000, (repeated, err: Error) => opts.log.error({ err, repeated }, 'webhook worker error')),
  );
  return worker;
}
