import { z } from 'zod';
import { InstantSchema } from './instant';
import { FreeTextSchema } from './limits';
import type { Channel } from './taxonomy';

/**
 * Consent to mediation (issue 16 item 3). People's mediation is voluntary: a court may refer a
 * dispute before both parties agreed, and such a case waits in `awaiting_consent` — never
 * dispatched — until the court or a dispatcher records the parties' answer. Walk-ins consent by
 * coming in; petition and police referrals arrive with consent and say how it was obtained.
 */

/**
 * How the parties' consent was obtained (petition and police referrals, and a recorded consent):
 * - `written`: both parties signed a consent form;
 * - `oral_recorded`: given orally and recorded (a call log, an officer's or clerk's note);
 * - `on_site`: given in person to the officer or mediator at the scene or the office.
 */
export const CONSENT_METHODS = ['written', 'oral_recorded', 'on_site'] as const;
export const ConsentMethodSchema = z.enum(CONSENT_METHODS);

/** Who records the parties' answer on an awaiting case: the referring court, or a dispatcher of the centre. */
export const ConsentGiverSchema = z.enum(['court', 'dispatcher']);

/** The body of POST /v1/cases/:id/consent. */
export const ConsentAnswerSchema = z
  .strictObject({
    /** True: both parties agreed to mediation; false: a party refused (the case returns to court). */
    given: z.boolean(),
    /** Who obtained the answer. */
    by: ConsentGiverSchema,
    /** How consent was obtained (when given). */
    method: ConsentMethodSchema.optional(),
    /** Why consent was refused, or a note; goes into the history and the return-to-court reason. */
    reason: FreeTextSchema.optional(),
  })
  .meta({ id: 'ConsentAnswer' });
export type ConsentAnswer = z.infer<typeof ConsentAnswerSchema>;

/** The consent as recorded on a case file (shown in its history view). */
export const ConsentRecordSchema = z.strictObject({
  given: z.boolean(),
  by: ConsentGiverSchema,
  method: ConsentMethodSchema.optional(),
  reason: FreeTextSchema.optional(),
  /** When it was recorded: the legal clocks of a consented case start here. */
  at: InstantSchema,
});
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

/** The lifecycle command that records an answer (issued by the consent route, not by /transitions). */
export type ConsentCommand = ConsentAnswer & { readonly action: 'record_consent' };

/** True for a referral that may not be dispatched until consent is recorded: a court referral without consent. */
export function awaitsConsent(referral: { readonly channel: Channel; readonly consent: boolean }): boolean {
  return referral.channel === 'court' && !referral.consent;
}

/**
 * The dispatch deadline of a case consented at `consentAt`: the deadline set at intake moves by
 * the time spent waiting for consent, so its clock too runs from consent rather than referral.
 */
export function deadlineAfterConsent(deadlineAt: string, referredAt: string, consentAt: string): string {
  const waited = Math.max(0, Date.parse(consentAt) - Date.parse(referredAt));
  return new Date(Date.parse(deadlineAt) + waited).toISOString();
}
