import { z } from 'zod';
import { UnassignedReasonSchema, type LifecycleEvent } from '../../domain';
import { countyKeys } from './keys';
import type Redis from 'ioredis';

/**
 * Events of a county, kept in a Redis stream: the stream id is the event id, which SSE clients
 * send back as Last-Event-ID to resume. Events carry ids and refs only.
 */
export const EVENT_TYPES = [
  'case.referred', 'case.assigned', 'case.unassigned', 'case.reassigned',
  // The lifecycle's own (src/domain/lifecycle-event.ts), so SSE filters and webhooks can ask for them.
  'case.transition', 'case.deadline_warning', 'case.deadline_overdue', 'case.redispatch_requested',
  'case.returned_to_court', 'case.fulfilment_overdue', 'case.follow_up_due', 'subsidy.budget_warning',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
// Fails to compile when the lifecycle gains an event type this list does not name.
type UnlistedLifecycleType = Exclude<LifecycleEvent['type'], (typeof EVENT_TYPES)[number]>;
const everyLifecycleTypeListed: [UnlistedLifecycleType] extends [never] ? true : false = true;
void everyLifecycleTypeListed;
export type EventType = z.infer<typeof EventTypeSchema>;

export const EventDataSchema = z.object({
  caseId: z.string(),
  at: z.string(),
  /** case.assigned: the seats' mediators, in seat order. */
  mediatorIds: z.array(z.string()).optional(),
  /** case.assigned: `optimizer` or `dispatcher` (a manual pin). */
  by: z.enum(['optimizer', 'dispatcher']).optional(),
  /** case.unassigned: why. */
  reason: UnassignedReasonSchema.optional(),
  /** case.referred: the sender's id, channel. */
  externalId: z.string().optional(),
  channel: z.string().optional(),
});
export type EventData = z.infer<typeof EventDataSchema>;

export const ServiceEventSchema = z.object({
  /** Stream id (`1732700000000-0`); pass it as Last-Event-ID to resume after it. */
  id: z.string(),
  type: EventTypeSchema,
  county: z.string(),
  data: EventDataSchema,
});
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;

type StreamEntry = [id: string, fields: string[]];

export function toEvent(county: string, [id, fields]: StreamEntry): ServiceEvent {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  return { id, type: f.type as EventType, county, data: JSON.parse(f.data ?? '{}') as EventData };
}

/** A stream id strictly greater than nothing the client has seen; validates client input. */
export function isStreamId(s: string): boolean {
  return /^\d{1,20}-\d{1,20}$/.test(s);
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
export async function waitForEvents(
  redis: Redis,
  county: string,
  afterId: string,
  blockMs: number,
  count = 500,
): Promise<ServiceEvent[]> {
  const res = (await redis.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', countyKeys(county).events, afterId)) as
    | [string, StreamEntry[]][]
    | null;
  return res?.[0]?.[1].map((e) => toEvent(county, e)) ?? [];
}
