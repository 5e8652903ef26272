import { randomUUID } from 'node:crypto';
import type { EventType } from '../../domain/service-event';
import type { Webhook } from '../../domain/webhook';
import { countyKeys, WEBHOOK_COUNTIES_KEY } from './keys';
import type { TiaojieRedis } from './redis-connection';
import type { WebhookPage, WebhookRegistry } from '../../use-cases/webhooks/webhook-registry';
import { countyReplicated } from './replication-barrier';

export type { Webhook } from '../../domain/webhook';

/** The consumer group the webhook relay reads each county's event stream with. */
export const WEBHOOK_GROUP = 'webhooks';

/** Webhook subscriptions of one county. */
export class WebhookRepo implements WebhookRegistry {
  private readonly keys;
  constructor(
    private readonly redis: TiaojieRedis,
    readonly county: string,
  ) {
    this.keys = countyKeys(county);
  }

  /**
   * Registers a webhook. The relay's consumer group is created at the stream's current end (if
   * missing), so deliveries start with the events after the first registration.
   */
  async create(input: { url: string; secret: string; events: readonly EventType[] }): Promise<Webhook> {
    const hook: Webhook = {
      id: `wh_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
      ...input,
      events: [...input.events],
      createdAt: new Date().toISOString(),
    };
    try {
      await this.redis.xgroup('CREATE', this.keys.events, WEBHOOK_GROUP, '$', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    await this.redis.hset(this.keys.webhooks, hook.id, JSON.stringify(hook));
    await countyReplicated(this.redis, this.county);
    await this.redis.sadd(WEBHOOK_COUNTIES_KEY, this.county);
    return hook;
  }

  async list(): Promise<Webhook[]> {
    return (await this.redis.hvals(this.keys.webhooks)).map((j) => JSON.parse(j) as Webhook);
  }

  /** A page in id order. The ids are read whole (a few bytes each) and sorted here; only the page's records are fetched. */
  async page(limit: number, offset: number): Promise<WebhookPage> {
    const ids = (await this.redis.hkeys(this.keys.webhooks)).sort();
    const pageIds = ids.slice(offset, offset + limit);
    if (pageIds.length === 0) return { webhooks: [], total: ids.length };
    const records = await this.redis.hmget(this.keys.webhooks, ...pageIds);
    const webhooks = records.filter((j): j is string => j !== null).map((j) => JSON.parse(j) as Webhook);
    return { webhooks, total: ids.length };
  }

  async get(id: string): Promise<Webhook | null> {
    const j = await this.redis.hget(this.keys.webhooks, id);
    return j ? (JSON.parse(j) as Webhook) : null;
  }

  async remove(id: string): Promise<boolean> {
    const removed = (await this.redis.hdel(this.keys.webhooks, id)) === 1;
    await countyReplicated(this.redis, this.county);
    return removed;
  }
}
