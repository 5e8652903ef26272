import { z } from 'zod';
import { UnassignedReasonSchema } from './case';
import type { LifecycleEvent } from './lifecycle-event';
import type { SummonsEventType } from './summons/summons-event';

/**
 * Events of a county as the service publishes them (SSE, webhooks): ids and refs only. The event
 * id is the position in the county's event stream, which SSE clients send back as Last-Event-ID.
 */
export const EVENT_TYPES = [
  'case.referred',
  'case.assigned',
  'case.unassigned',
  'case.reassigned',
  // The lifecycle's own (src/domain/lifecycle-event.ts), so SSE filters and webhooks can ask for them.
  'case.transition',
  'case.deadline_warning',
  'case.deadline_overdue',
  'case.redispatch_requested',
  'case.returned_to_court',
  'case.fulfilment_overdue',
  'case.follow_up_due',
  'subsidy.budget_warning',
  // issue 16 — modes: a case waits for a dispatcher, a proposal is written, confirmed, or expires.
  'case.held',
  'case.proposed',
  'case.proposal_confirmed',
  'case.proposal_expired',
  // issue 16 — consent
  'consent.recorded',
  // issue 17 — summons (中心吹哨、部门报到): src/domain/summons/summons-event.ts
  'summons.issued',
  'summons.acknowledged',
  'summons.checked_in',
  'summons.cancelled',
  'summons.reminder',
  'summons.missed',
  'summons.escalated',
  // issue 17 — after the agreement
  'agreement.applied',
  'agreement.accepted',
  'agreement.confirmed',
  'agreement.rejected',
  'fulfilment.enforcement',
  'fulfilment.litigation',
  'fulfilment.extended',
  'fulfilment.follow_up_recorded',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
// Fails to compile when the lifecycle gains an event type this list does not name.
type UnlistedLifecycleType = Exclude<LifecycleEvent['type'], (typeof EVENT_TYPES)[number]>;
const everyLifecycleTypeListed: [UnlistedLifecycleType] extends [never] ? true : false = true;
void everyLifecycleTypeListed;
type UnlistedSummonsType = Exclude<SummonsEventType, (typeof EVENT_TYPES)[number]>;
const everySummonsTypeListed: [UnlistedSummonsType] extends [never] ? true : false = true;
void everySummonsTypeListed;
export type EventType = z.infer<typeof EventTypeSchema>;

export const EventDataSchema = z.object({
  caseId: z.string(),
  at: z.string(),
  /** case.assigned: the seats' mediators, in seat order. */
  mediatorIds: z.array(z.string()).optional(),
  /** case.assigned: `optimizer` or `dispatcher` (a manual pin); case.reassigned: `dispatcher` when a dispatcher moved it (a rebalance's carries `runId`). */
  by: z.enum(['optimizer', 'dispatcher']).optional(),
  /** case.unassigned: why; case.reassigned by a dispatcher: their reason. */
  reason: z.union([UnassignedReasonSchema, z.string()]).optional(),
  /** case.referred: the sender's id, channel. */
  externalId: z.string().optional(),
  channel: z.string().optional(),
  /** case.proposed: when the proposal is committed as proposed if nobody decides. */
  expiresAt: z.string().optional(),
  // issue 16 — reassign
  /** case.reassigned: the mediators before, in seat order. */
  fromMediatorIds: z.array(z.string()).optional(),
  /** case.reassigned by a dispatcher: the caller's API key label. */
  actor: z.string().optional(),
  /** case.reassigned by the nightly rebalance: its run. */
  runId: z.string().optional(),
  // issue 16 — consent
  /** consent.recorded: whether the parties consented, who recorded it, how it was obtained. */
  given: z.boolean().optional(),
  consentBy: z.enum(['court', 'dispatcher']).optional(),
  method: z.string().optional(),
  // issue 17 — summons
  /** summons.*: the summons, the department summoned and its required arrival time. */
  summonsId: z.string().optional(),
  department: z.string().optional(),
  requiredBy: z.string().optional(),
  /** summons.issued: the session the department is summoned to, when any. */
  sessionId: z.string().optional(),
  /** summons.checked_in: when the department arrived, and whether by requiredBy. */
  arrivedAt: z.string().optional(),
  onTime: z.boolean().optional(),
  /** summons.reminder: hours before requiredBy. */
  hoursBefore: z.number().optional(),
  /** summons.escalated: the role it is addressed to (`director`). */
  escalatedTo: z.string().optional(),
  // issue 17 — after the agreement
  /** agreement.*: the route (judicial_confirmation, arbitration, notarisation); confirmed / rejected: its status. */
  route: z.string().optional(),
  routeStatus: z.string().optional(),
  /** fulfilment.enforcement: the title that allowed it; fulfilment.litigation: how the parties were told. */
  basis: z.string().optional(),
  noticeChannel: z.string().optional(),
  /** fulfilment.extended: the new due date and the help given; fulfilment.follow_up_recorded: done or missed. */
  dueAt: z.string().optional(),
  assistance: z.string().optional(),
  outcome: z.string().optional(),
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

/** Is `s` shaped like an event id (`1732700000000-0`)? Validates client input before it reaches storage. */
export function isStreamId(s: string): boolean {
  return /^\d{1,20}-\d{1,20}$/.test(s);
}
