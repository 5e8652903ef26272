import type { Queue } from 'bullmq';
import { throttled } from '../../domain/throttle';
import { hostname } from 'node:os';
import type { WebhookJob } from '../queue/job-schemas';
import { enqueueWebhookDeliveries } from '../queue/queues';
import type { ServiceEvent } from '../../domain/service-event';
import type { TiaojieRedis } from '../redis/redis-connection';
import { WebhookEventFeed } from '../redis/webhook-feed';
import { WebhookRepo } from '../redis/webhook-repo';
import type { Logger } from 'pino';

/** Options of the webhook relay. */
export interface WebhookRelayOptions {
  /** A connection of its own: the relay blocks on it. */
  readonly redis: TiaojieRedis;
  readonly queue: Queue<WebhookJob>;
  readonly log: Logger;
  /** Pause when no county had new events, ms (the delay a webhook adds at most). @defaultValue 100 */
  readonly pollMs?: number;
  /** Pause when no county has webhooks, ms. @defaultValue 1000 */
  readonly idleMs?: number;
  /** Entries left unacknowledged this long (a relay died) are claimed by another. @defaultValue 30000 */
  readonly claimIdleMs?: number;
}

/**
 * Turns each county's events into webhook delivery jobs, reading the event stream through a
 * consumer group: an event is acknowledged only after its deliveries are enqueued, so a relay
 * that dies loses nothing (another claims its pending entries), and dispatch never waits for it.
 */
export class WebhookRelay {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly lastClaim = new Map<string, number>();
  private readonly feed: WebhookEventFeed;

  constructor(private readonly opts: WebhookRelayOptions) {
    this.feed = new WebhookEventFeed(opts.redis, `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    const { log } = this.opts;
    const readFailed = throttled(30_000, (repeated, err: Error) =>
      log.warn({ err: err.message, repeated }, 'webhook relay read failed; retrying'),
    );
    while (this.running) {
      try {
        const counties = await this.feed.counties();
        if (counties.length === 0) {
          await new Promise((r) => setTimeout(r, this.opts.idleMs ?? 1000));
          continue;
        }
        let relayed = 0;
        // One county (one hash slot) per read, so the relay also runs on Redis Cluster.
        for (const county of counties) {
          if (Date.now() - (this.lastClaim.get(county) ?? 0) > 5000) {
            this.lastClaim.set(county, Date.now());
            await this.claimStale(county);
          }
          const events = await this.feed.readNew(county, 200);
          relayed += events.length;
          await this.relay(county, events);
        }
        if (relayed === 0) await new Promise((r) => setTimeout(r, this.opts.pollMs ?? 100));
      } catch (err) {
        if (!this.running) break;
        readFailed(err as Error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async claimStale(county: string): Promise<void> {
    const events = await this.feed.claimStale(county, this.opts.claimIdleMs ?? 30_000, 200);
    if (events.length) await this.relay(county, events);
  }

  private async relay(county: string, events: readonly ServiceEvent[]): Promise<void> {
    if (events.length === 0) return;
    const hooks = await new WebhookRepo(this.opts.redis, county).list();
    const jobs: WebhookJob[] = [];
    for (const e of events) {
      for (const h of hooks) if (h.events.length === 0 || h.events.includes(e.type)) jobs.push({ county, webhookId: h.id, eventId: e.id });
    }
    await enqueueWebhookDeliveries(this.opts.queue, jobs);
    await this.feed.ack(
      county,
      events.map((e) => e.id),
    );
  }
}
