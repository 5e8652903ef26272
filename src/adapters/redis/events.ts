import type { EventData, EventType, ServiceEvent } from '../../domain/service-event';
import { countyKeys } from './keys';
import { Cluster } from 'ioredis';
import { duplicateRedis, type RedisClient } from './redis-connection';
import type { EventFeed, EventWaiter } from '../../use-cases/events/event-stream';
import { flatPairs } from './replies';

/**
 * Events of a county, kept in a Redis stream: the stream id is the event id, which SSE clients
 * send back as Last-Event-ID to resume. Events carry ids and refs only.
 */
// The event vocabulary is the domain's; re-exported for the code that reads it from here.
export type { ServiceEvent } from '../../domain/service-event';

type StreamEntry = [id: string, fields: string[]];

/** A blocking read that has not answered in this long means the server is stuck: fail and retry. */
const WAIT_TIMEOUT_MS = 10_000;

export function toEvent(county: string, [id, fields]: StreamEntry): ServiceEvent {
  const f: Record<string, string> = Object.fromEntries(flatPairs(fields));
  return { id, type: f.type as EventType, county, data: JSON.parse(f.data ?? '{}') as EventData };
}

/** Events after `afterId` (exclusive), oldest first, at most `count`. */
export async function readEventsAfter(redis: RedisClient, county: string, afterId: string, count: number): Promise<ServiceEvent[]> {
  const entries = (await redis.xrange(countyKeys(county).events, `(${afterId}`, '+', 'COUNT', count)) as StreamEntry[];
  return entries.map((e) => toEvent(county, e));
}

/** The id of the newest event, or `0-0` for an empty stream. */
export async function lastEventId(redis: RedisClient, county: string): Promise<string> {
  const last = (await redis.xrevrange(countyKeys(county).events, '+', '-', 'COUNT', 1)) as StreamEntry[];
  return last[0]?.[0] ?? '0-0';
}

/** Blocks up to `blockMs` for events of several counties after their cursors (use a dedicated connection). */
export async function waitForEvents(
  redis: RedisClient,
  cursors: ReadonlyMap<string, string>,
  blockMs: number,
  count = 500,
): Promise<ServiceEvent[]> {
  if (cursors.size === 0) return [];
  if (redis instanceof Cluster && cursors.size > 1) return pollEvents(redis, cursors, blockMs, count);
  return readStreams(redis, cursors, blockMs, count);
}

/** One XREAD of the counties' streams after their cursors, waiting up to `blockMs` when given. */
async function readStreams(
  redis: RedisClient,
  cursors: ReadonlyMap<string, string>,
  blockMs: number | undefined,
  count: number,
): Promise<ServiceEvent[]> {
  const counties = [...cursors.keys()];
  const keys = counties.map((c) => countyKeys(c).events);
  const streams = [...keys, ...cursors.values()];
  const res =
    blockMs === undefined
      ? await redis.xread('COUNT', count, 'STREAMS', ...streams)
      : await redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', ...streams);
  const countyOf = new Map(counties.map((c, i) => [keys[i], c]));
  return (res ?? []).flatMap(([key, entries]) => {
    const county = countyOf.get(key);
    return county === undefined ? [] : entries.map((e) => toEvent(county, e));
  });
}

/** Pause between two rounds of `pollEvents`, ms: the added latency of an event on a cluster. */
const CLUSTER_POLL_MS = 50;

/**
 * On a cluster one XREAD may name one slot only, and a blocking read holds up its node's connection,
 * so several counties are read without blocking, one XREAD per county (auto-pipelined: one round
 * trip per node), every CLUSTER_POLL_MS until something comes or `blockMs` is over.
 */
async function pollEvents(redis: Cluster, cursors: ReadonlyMap<string, string>, blockMs: number, count: number): Promise<ServiceEvent[]> {
  const deadline = Date.now() + blockMs;
  for (;;) {
    const reads = [...cursors].map(([county, cursor]) => readStreams(redis, new Map([[county, cursor]]), undefined, count));
    const events = (await Promise.all(reads)).flat();
    if (events.length > 0 || Date.now() + CLUSTER_POLL_MS > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, CLUSTER_POLL_MS));
  }
}

/** How long a new subscription connection may take to connect before its first read. */
const CONNECT_WAIT_MS = 2000;

/** Resolves once `client` is ready, or after `ms` (the read that follows then fails and is retried). */
function readyWithin(client: RedisClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.once('ready', done);
  });
}

/**
 * Every county's events, for the process's one shared subscription (`EventHub`). `openWaiter`
 * duplicates the client once: XREAD BLOCK would hold up every other command on a shared connection.
 */
export function redisEventFeed(redis: RedisClient): EventFeed {
  return {
    lastEventId: (county) => lastEventId(redis, county),
    readAfter: (county, afterId, count) => readEventsAfter(redis, county, afterId, count),
    openWaiter: (): EventWaiter => {
      // No command timeout shorter than a block; no offline queue: a read while Redis is away fails and is retried.
      const reader = duplicateRedis(redis, { commandTimeout: WAIT_TIMEOUT_MS, enableOfflineQueue: false });
      // A dropped connection surfaces as a rejected wait; an unhandled 'error' event would crash the process.
      reader.on('error', () => undefined);
      return {
        waitForAny: async (cursors, blockMs) => {
          // A new reader is still connecting: wait for it briefly rather than fail the first read.
          if (reader.status !== 'ready') await readyWithin(reader, CONNECT_WAIT_MS);
          return waitForEvents(reader, cursors, Math.min(blockMs, WAIT_TIMEOUT_MS - 1000));
        },
        close: () => reader.disconnect(),
      };
    },
  };
}

/** The event with this id, or null when the stream no longer keeps it (trimmed). */
export async function readEvent(redis: RedisClient, county: string, id: string): Promise<ServiceEvent | null> {
  const entries = (await redis.xrange(countyKeys(county).events, id, id)) as StreamEntry[];
  return entries[0] ? toEvent(county, entries[0]) : null;
}
