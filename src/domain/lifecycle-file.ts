import { z } from 'zod';
import { CaseStatusSchema } from './case';
import { FulfilmentSchema, SettlementSchema } from './fulfilment';
import { TransitionRecordSchema } from './lifecycle/state-machine';
import { SessionSchema } from './session';
import { CaseClassSchema, CategorySchema, ChannelSchema } from './taxonomy';
import { InstantSchema } from './instant';
import { LIMITS } from './limits';
import { IdentifierSchema, ServiceIdSchema } from './party-identifier';
import { ConsentRecordSchema } from './consent';

const id = IdentifierSchema;
const isoDateTime = InstantSchema;

export const ATTEMPT_OUTCOMES = ['settled', 'failed', 'withdrawn', 'returned_to_court'] as const;

/** One try at mediating the case, by one mediator or panel, at one class (tier). */
export const AttemptSchema = z.strictObject({
  number: z.number().int().min(1).max(LIMITS.attempts),
  class: CaseClassSchema,
  startedAt: isoDateTime,
  /** Class target for the first session of this attempt (started + class target days). */
  firstSessionTargetAt: isoDateTime,
  /** The seats once assigned (empty while waiting for dispatch). */
  mediatorIds: z.array(id).max(LIMITS.seats),
  assignedAt: isoDateTime.optional(),
  /** When the first session was held. */
  firstSessionAt: isoDateTime.optional(),
  outcome: z.enum(ATTEMPT_OUTCOMES).optional(),
  endedAt: isoDateTime.optional(),
});
export type Attempt = z.infer<typeof AttemptSchema>;

/**
 * Everything the lifecycle knows about one case: the facts it needs from intake, the clocks, the
 * attempts, sessions, settlement and fulfilment, and the full transition history. Party refs are
 * kept only to check that both parties consented to an extension.
 */
export const CaseFileSchema = z.strictObject({
  caseId: ServiceIdSchema,
  channel: ChannelSchema,
  category: CategorySchema,
  township: id,
  village: id,
  partyRefs: z.array(id).min(1).max(LIMITS.parties),
  referredAt: isoDateTime,
  status: CaseStatusSchema,
  /** The current class (raised by escalation). */
  class: CaseClassSchema,
  /** End of the legal pre-litigation term incl. extensions; null when the channel has none. */
  termEndsAt: isoDateTime.nullable(),
  termExtensionDays: z.number().int().min(0).max(3650),
  attempts: z.array(AttemptSchema).min(1).max(LIMITS.attempts),
  /** Mediators who declined or failed: never dispatched to this case again. */
  excludedMediatorIds: z.array(id).max(LIMITS.attempts * LIMITS.seats),
  sessions: z.array(SessionSchema).max(LIMITS.sessionsPerCase),
  settlement: SettlementSchema.nullable(),
  fulfilment: FulfilmentSchema.nullable(),
  /** Keys of warnings and reminders already raised (so a tick never repeats one). */
  raised: z.array(z.string().max(LIMITS.name)).max(LIMITS.raisedPerCase),
  history: z.array(TransitionRecordSchema).max(LIMITS.historyPerCase),
  /** Incremented on every change; the store's compare-and-set token. */
  version: z.number().int().min(0),
  // issue 16 — intake
  /**
   * Present on a case imported from history: clock events due before `importedAt` count as fired
   * (their keys are in `raised`) and a term that had already run out does not return it to court.
   */
  backfill: z.strictObject({ importedAt: isoDateTime }).optional(),
  /** The parties' answer recorded on a court referral that came without consent (absent otherwise). */
  consent: ConsentRecordSchema.optional(),
});
export type CaseFile = z.infer<typeof CaseFileSchema>;

/** The attempt under way (the last one). */
export function currentAttempt(file: Pick<CaseFile, 'attempts'>): Attempt {
  const attempt = file.attempts[file.attempts.length - 1];
  if (attempt === undefined) throw new Error('a case file has at least one attempt (schema: min(1)); this one has none');
  return attempt;
}
