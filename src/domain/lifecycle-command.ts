import { z } from 'zod';
import { SettlementModeSchema } from './fulfilment';
import { ArrivalSchema, DatedSlotSchema } from './session';
import { InstantSchema } from './instant';
import { AmountYuanSchema, FreeTextSchema, LIMITS } from './limits';
import { IdentifierSchema } from './party-identifier';

const id = IdentifierSchema;
const reason = FreeTextSchema;
const isoDateTime = InstantSchema;

/**
 * What a person or system asks the lifecycle to do, one shape per action (the API's request body
 * for POST /v1/cases/:id/transitions). `redispatch` and `escalate` follow `decline` and
 * `fail_attempt` automatically, and `assign` / `mark_unassigned` come from dispatch, so the API
 * accepts them only from admins.
 */
export const LifecycleCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), mediatorIds: z.array(id).min(1).max(LIMITS.seats) }),
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
  z.strictObject({ action: z.literal('start_mediation'), arrivals: z.array(ArrivalSchema).max(LIMITS.parties).optional() }),
  z.strictObject({ action: z.literal('adjourn'), reason }),
  z.strictObject({
    action: z.literal('settle'),
    amountYuan: AmountYuanSchema,
    termsRef: id,
    /** How the agreement is to be fulfilled; compulsory enforcement is not a mode to settle on (issue 17). */
    fulfilmentMode: SettlementModeSchema,
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
    consentingPartyRefs: z.array(id).min(1).max(LIMITS.parties),
  }),
]);
export type LifecycleCommand = z.infer<typeof LifecycleCommandSchema>;
