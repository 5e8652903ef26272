import { z } from 'zod';
import { InstantSchema } from '../instant';
import { ESCALATION_ROLE, SummonsCancelCauseSchema, type Summons } from './summons';

const at = z.string();
const base = {
  caseId: z.string(),
  at,
  summonsId: z.string(),
  department: z.string(),
  requiredBy: at,
};

/**
 * Events of summonses (ids and refs only: never the reason, which is free text). `actor` names who
 * acted (an API key's label, `clock`); `summons.escalated` is addressed to the centre's director.
 */
export const SummonsEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('summons.issued'), ...base, actor: z.string(), sessionId: z.string().optional() }),
  z.object({ type: z.literal('summons.acknowledged'), ...base, actor: z.string() }),
  z.object({ type: z.literal('summons.checked_in'), ...base, actor: z.string(), arrivedAt: InstantSchema, onTime: z.boolean() }),
  // `cause` only when the summons followed its case (closed, or its session cancelled): by the clock or a case transition.
  z.object({ type: z.literal('summons.cancelled'), ...base, actor: z.string(), cause: SummonsCancelCauseSchema.optional() }),
  z.object({ type: z.literal('summons.reminder'), ...base, hoursBefore: z.number() }),
  z.object({ type: z.literal('summons.missed'), ...base }),
  z.object({ type: z.literal('summons.escalated'), ...base, escalatedTo: z.literal(ESCALATION_ROLE) }),
]);
export type SummonsEvent = z.infer<typeof SummonsEventSchema>;
export type SummonsEventType = SummonsEvent['type'];

/** The fields every event of a summons carries. */
export function summonsEventBase(s: Summons, at: Date) {
  return { caseId: s.caseId, at: at.toISOString(), summonsId: s.id, department: s.department, requiredBy: s.requiredBy };
}

/** The event a caller's action raises (the clock's `miss` raises its own pair in summons-clock.ts). */
export function actionEvent(s: Summons, actor: string, at: Date): SummonsEvent {
  const b = { ...summonsEventBase(s, at), actor };
  switch (s.status) {
    case 'acknowledged':
      return { type: 'summons.acknowledged', ...b };
    case 'checked_in':
      return { type: 'summons.checked_in', ...b, arrivedAt: s.arrivedAt ?? b.at, onTime: s.onTime === true };
    case 'cancelled':
      return { type: 'summons.cancelled', ...b };
    default:
      return { type: 'summons.issued', ...b, ...(s.sessionId === undefined ? {} : { sessionId: s.sessionId }) };
  }
}
