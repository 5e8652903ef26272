import { z } from 'zod';
import { LocationSchema } from './geo';
import { CaseClassSchema, CategorySchema, ChannelSchema } from './taxonomy';
import { InstantSchema } from './instant';
import { AmountYuanSchema, LIMITS } from './limits';
import { IdentifierSchema } from './party-identifier';
import { ConsentMethodSchema } from './consent';

const id = IdentifierSchema;
const isoDateTime = InstantSchema;

/** A party to a dispute, by reference only: names and phone numbers never enter the service. */
export const PartySchema = z.strictObject({
  ref: id,
  /** The party's home village id, when known (used for conflict-of-interest rules). */
  village: id.optional(),
});
export type Party = z.infer<typeof PartySchema>;

/** A referral as received from the court, petition office, police, or a walk-in registration. */
export const ReferralSchema = z.strictObject({
  /** The sender's own id; the same externalId sent twice is one case. */
  externalId: id,
  channel: ChannelSchema,
  category: CategorySchema,
  /** Optional on intake: when absent the documented classification rules suggest one. */
  class: CaseClassSchema.optional(),
  township: id,
  village: id,
  /** Where the dispute is; defaults to the village's location when absent. */
  location: LocationSchema.optional(),
  /** Amount in dispute, yuan. @defaultValue 0 */
  amountYuan: AmountYuanSchema.default(0),
  parties: z.array(PartySchema).min(1).max(LIMITS.parties),
  referredAt: isoDateTime,
  /**
   * Both parties agreed to mediation. A court referral without it waits in `awaiting_consent` until
   * POST /v1/cases/{id}/consent records the answer; a walk-in consents by coming in.
   */
  consent: z.boolean(),
  /** Mediators who already tried this dispute and failed (ids); they are never chosen again. @defaultValue [] */
  attempts: z.array(id).max(LIMITS.attempts).default([]),
  /** Petitions the parties have already made about this dispute. @defaultValue 0 */
  priorPetitions: z.number().int().min(0).max(LIMITS.priorPetitions).default(0),
  /** Deadline set by the sender (e.g. the court's mediation term); otherwise derived from the channel. */
  deadlineAt: isoDateTime.optional(),
  /**
   * A dispatcher wants to choose: the case is never dispatched automatically (as in `manual` mode)
   * and waits, status `held`, for a pin. @defaultValue false
   */
  hold: z.boolean().optional(),
  /** How consent was obtained (petition and police referrals record it): `written`, `oral_recorded` or `on_site`. */
  consentMethod: ConsentMethodSchema.optional(),
});
export type Referral = z.infer<typeof ReferralSchema>;
export type ReferralInput = z.input<typeof ReferralSchema>;
