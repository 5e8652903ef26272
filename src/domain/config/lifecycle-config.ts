import { z } from 'zod';
import { CaseClassSchema, ChannelSchema } from '../taxonomy';
import { FULFILMENT_MODES, type FulfilmentMode } from '../fulfilment';
import lifecycleJson from './lifecycle.json';
import { parseOrThrow } from './parse-config';

/** Ten years: beyond any legal term, warning or follow-up the configuration may set. */
const MAX_DAYS = 3650;
const days = z.number().min(0).max(MAX_DAYS);
const hoursList = z
  .array(
    z
      .number()
      .positive()
      .max(24 * MAX_DAYS),
  )
  .max(20);
const byMode = <T extends z.ZodType>(v: T) =>
  z.strictObject(Object.fromEntries(FULFILMENT_MODES.map((m) => [m, v])) as Record<FulfilmentMode, T>);

/** See `followUpGraceDays`. */
export const DEFAULT_FOLLOW_UP_GRACE_DAYS = 3;

/** The legal clock, class targets, escalation and warning points (src/domain/config/lifecycle.json). */
export const LifecycleConfigSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Channels whose cases carry the legal pre-litigation term. @defaultValue ["court"] */
  termChannels: z.array(ChannelSchema),
  /** Length of the pre-litigation term from referral. @defaultValue 30 */
  termDays: days,
  /** Most days both parties' consent may add to the term. @defaultValue 30 */
  extensionCapDays: days,
  /** First session due this many days after an attempt starts. @defaultValue {ordinary: 3, professional: 10, major: 7} */
  firstSessionTargetDays: z.strictObject({ ordinary: days, professional: days, major: days }),
  /** Failed attempts after which the case returns to court. @defaultValue 2 */
  maxFailedAttempts: z.number().int().min(1).max(20),
  /** The class a failed attempt escalates to (one tier up). */
  escalation: z.strictObject({ ordinary: CaseClassSchema, professional: CaseClassSchema, major: CaseClassSchema }),
  /** Warnings raised this many hours before each deadline. */
  warningHoursBefore: z.strictObject({
    term: hoursList,
    firstSession: hoursList,
    fulfilment: hoursList,
    confirmation: hoursList,
    // issue 17 — after the agreement
    /** Before the court's acceptance decision on a judicial confirmation is due. @defaultValue [24] */
    confirmationAcceptance: hoursList.default([24]),
    /** Before a follow-up visit goes unrecorded past its grace days. @defaultValue [24] */
    followUp: hoursList.default([24]),
  }),
  /** Days after settlement in which the parties may apply for judicial confirmation. @defaultValue 30 */
  confirmationWindowDays: days,
  fulfilment: z.strictObject({ dueDays: byMode(days), followUpDays: byMode(z.array(days)) }),
  // issue 16 — consent
  /**
   * Days a court referral without consent waits (from its referral) for the answer before the
   * clock returns it to court with reason `consent_timeout`. @defaultValue 7
   */
  consentWaitDays: days.default(7),
  // issue 17 — after the agreement
  /** Days the court has to decide whether to accept an application for judicial confirmation. @defaultValue 3 */
  confirmationAcceptanceDays: days.default(3),
  /** Days after a follow-up visit's date by which it must be recorded as done or missed (then overdue). @defaultValue 3 */
  followUpGraceDays: days.default(DEFAULT_FOLLOW_UP_GRACE_DAYS),
});
export type LifecycleConfig = z.infer<typeof LifecycleConfigSchema>;

/** Validates a lifecycle configuration (the bundled one by default); throws ConfigError. */
export function loadLifecycleConfig(raw: unknown = lifecycleJson): LifecycleConfig {
  return parseOrThrow(LifecycleConfigSchema, raw, 'lifecycle.json');
}
