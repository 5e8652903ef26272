import { z } from 'zod';
import { FulfilmentModeSchema } from './fulfilment';
import { ArrivalSchema, DatedSlotSchema } from './session';

const id = z.string().min(1).max(200);
const reason = z.string().min(1).max(2000);
const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time');

/**
 * What a person or system asks the lifecycle to do, one shape per action (the API's request body
 * for POST /v1/cases/:id/transitions). `redispatch` and `escalate` follow `decline` and
 * `fail_attempt` automatically, and `assign` / `mark_unassigned` come from dispatch, so the API
 * accepts them only from admins.
 */
export const LifecycleCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), mediatorIds: z.array(id).min(1).max(2) }),
  z.strictObject({ action: z.literal('mark_unassigned'), reason: reason.optional() }),
  z.strictObject({ action: z.literal('accept') }),
  z.strictObject({ action: z.literal('decline'), mediatorId: id.optional(), reason }),
  z.strictObject({ action: z.literal('redispatch'), reason: reason.optional() }),
  z.strictObject({
    action: z.literal('schedule_session'),
    sessionId: id,
    roomId: id,
    slot: DatedSlotSchema,
    start: isoDateTime,
    end: isoDateTime,
  }),
  z.strictObject({ action: z.literal('cancel_session'), reason }),
  z.strictObject({ action: z.literal('start_mediation'), arrivals: z.array(ArrivalSchema).max(50).optional() }),
  z.strictObject({ action: z.literal('adjourn'), reason }),
  z.strictObject({
    action: z.literal('settle'),
    amountYuan: z.number().min(0),
    termsRef: id,
    fulfilmentMode: FulfilmentModeSchema,
    /** Overrides the mode's default due date. */
    dueAt: isoDateTime.optional(),
  }),
  z.strictObject({ action: z.literal('fail_attempt'), reason }),
  z.strictObject({ action: z.literal('escalate'), reason: reason.optional() }),
  z.strictObject({ action: z.literal('return_to_court'), reason }),
  z.strictObject({ action: z.literal('withdraw'), reason }),
  z.strictObject({
    action: z.literal('extend_term'),
    days: z.number().int().min(1).max(365),
    /** Refs of the parties who consented: must be every party of the case. */
    consentingPartyRefs: z.array(id).min(1),
  }),
]);
export type LifecycleCommand = z.infer<typeof LifecycleCommandSchema>;
