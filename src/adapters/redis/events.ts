import type { EventData, EventType, ServiceEvent } from '../../domain/service-event';
import { countyKeys } from './keys';
import type Redis from 'ioredis';
import type { EventStream, EventWaiter } from '../../use-cases/events/event-stream';
import { flatPairs } from './replies';

/**
 * Events of a county, kept in a Redis stream: the stream id is the event id, which SSE clients
 * send back as Last-Event-ID to resume. Events carry ids and refs only.
 */
// The event vocabulary is the domain's; re-exported for the code that reads it from here.
export type { ServiceEvent } from '../../domain/service-event';

type StreamEntry = [id: string, fields: string[]];

export function toEvent(county: string, [id, fields]: StreamEntry): ServiceEvent {
  const f: Record<string, string> = Object.fromEntries(flatPairs(fields));
  return { id, type: f.type as EventType, county, data: JSON.parse(f.data ?? '{}') as EventData };
}

/** Events after `afterId` (exclusive), oldest first, at most `count`. */
export async function readEventsAfter(redis: Redis, county: string, afterId: string, count: number): Promise<ServiceEvent[]> {
  const entries = (await redis.xrange(countyKeys(county).events, `(${afterId}`, '+', 'COUNT', count)) as StreamEntry[];
  return entries.map((e) => toEvent(county, e));
}

/** The id of the newest event, or `0-0` for an empty stream. */
export async function lastEventId(redis: Redis, county: string): Promise<string> {
  const last = (await redis.xrevrange(countyKeys(county).events, '+', '-', 'COUNT', 1)) as StreamEntry[];
  return last[0]?.[0] ?? '0-0';
}

/** Blocks up to `blockMs` for events after `afterId` (use a dedicated connection). */
export async function waitForEvents(redis: Redis, county: string, afterId: string, blockMs: number, count = 500): Promise<ServiceEvent[]> {
  const res = await redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', countyKeys(county).events, afterId);
  return res?.[0]?.[1].map((e) => toEvent(county, e)) ?? [];
}

/**
 * The county's event stream for readers. Each `openReader` duplicates the client: XREAD BLOCK
 * would hold up every other command on a shared connection.
 */
export function redisEventStream(redis: Redis, county: string): EventStream {
  return {
    lastEventId: () => lastEventId(redis, county),
    readAfter: (afterId, count) => readEventsAfter(redis, county, afterId, count),
    openReader: (): EventWaiter => {
      const reader = redis.duplicate();
      // A dropped connection surfaces as a rejected wait; an unhandled 'error' event would crash the process.
      reader.on('error', () => undefined);
      return {
        waitForEvents: (afterId, blockMs) => waitForEvents(reader, county, afterId, blockMs),
        close: () => reader.disconnect(),
      };
    },
  };
}

/** The event with this id, or null when the stream no longer keeps it (trimmed). */
export async function readEvent(redis: Redis, county: string, id: string): Promise<ServiceEvent | null> {
  const entries = (await redis.xrange(countyKeys(county).events, id, id)) as StreamEntry[];
  return entries[0] ? toEvent(county, entries[0]) : null;
}
