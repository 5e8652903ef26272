import { toEvent, type ServiceEvent } from './events';
import { countyKeys, WEBHOOK_COUNTIES_KEY } from './keys';
import type { TiaojieRedis } from './redis-connection';
import { WEBHOOK_GROUP } from './webhook-repo';

type StreamEntry = [id: string, fields: string[]];
type StreamReply = [stream: string, entries: StreamEntry[]][] | null;

/**
 * The counties' event streams as the webhook relay reads them: through the `webhooks` consumer
 * group, one consumer per relay. An entry stays pending until acknowledged, so entries of a relay
 * that died can be claimed by another. One county (one hash slot) per command, so it also runs on
 * Redis Cluster.
 */
export class WebhookEventFeed {
  constructor(
    private readonly redis: TiaojieRedis,
    /** This relay's consumer name in the group. */
    private readonly consumer: string,
  ) {}

  /** Counties with at least one webhook registered (ever). */
  counties(): Promise<string[]> {
    return this.redis.smembers(WEBHOOK_COUNTIES_KEY);
  }

  /** Events not yet delivered to any consumer of the group, at most `count`; never waits. */
  async readNew(county: string, count: number): Promise<ServiceEvent[]> {
    const reply = (await this.redis.xreadgroup(
      'GROUP',
      WEBHOOK_GROUP,
      this.consumer,
      'COUNT',
      count,
      'STREAMS',
      countyKeys(county).events,
      '>',
    )) as StreamReply;
    return (reply?.[0]?.[1] ?? []).map((e) => toEvent(county, e));
  }

  /** Takes over events left unacknowledged for `idleMs` by any consumer, at most `count`. */
  async claimStale(county: string, idleMs: number, count: number): Promise<ServiceEvent[]> {
    const res = (await this.redis.xautoclaim(countyKeys(county).events, WEBHOOK_GROUP, this.consumer, idleMs, '0-0', 'COUNT', count)) as [
      string,
      StreamEntry[],
    ];
    // Entries trimmed from the stream while pending come back without fields.
    return (res?.[1] ?? []).filter((e) => Array.isArray(e[1])).map((e) => toEvent(county, e));
  }

  /** Marks events as relayed: no consumer will be handed them again. */
  async ack(county: string, ids: readonly string[]): Promise<void> {
    await this.redis.xack(countyKeys(county).events, WEBHOOK_GROUP, ...ids);
  }
}
