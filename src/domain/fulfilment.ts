import { z } from 'zod';
import { InstantSchema } from './instant';
import { AmountYuanSchema, LIMITS } from './limits';
import { IdentifierSchema } from './party-identifier';

const isoDateTime = InstantSchema;

/**
 * How a settlement is carried out (the "last mile"): on the spot, voluntarily, by the party's own
 * accord, supervised (an extended period with help for a party who truly cannot pay), or sent to
 * the court for compulsory enforcement when a party reneges.
 */
export const FULFILMENT_MODES = ['on_the_spot', 'voluntary', 'own_accord', 'supervised', 'enforcement'] as const;
export const FulfilmentModeSchema = z.enum(FULFILMENT_MODES);
export type FulfilmentMode = z.infer<typeof FulfilmentModeSchema>;

export const FULFILMENT_MODE_LABELS: Readonly<Record<FulfilmentMode, { zh: string; en: string }>> = {
  on_the_spot: { zh: '当场履行', en: 'on the spot' },
  voluntary: { zh: '自愿履行', en: 'voluntary' },
  own_accord: { zh: '自觉履行', en: "of the party's own accord" },
  supervised: { zh: '延期帮扶履行', en: 'supervised (extended, with help)' },
  enforcement: { zh: '申请强制执行', en: 'compulsory enforcement' },
};

/**
 * pending → fulfilled; pending → overdue (due date passed) → fulfilled | enforcement;
 * any open → enforcement (a party reneges).
 */
export const FULFILMENT_STATUSES = ['pending', 'overdue', 'fulfilled', 'enforcement'] as const;
export const FulfilmentStatusSchema = z.enum(FULFILMENT_STATUSES);
export type FulfilmentStatus = z.infer<typeof FulfilmentStatusSchema>;

export const FollowUpSchema = z.strictObject({ at: isoDateTime, done: z.boolean() });
export type FollowUp = z.infer<typeof FollowUpSchema>;

export const FulfilmentSchema = z.strictObject({
  /** The mode recorded at settlement (kept when the case later goes to enforcement). */
  mode: FulfilmentModeSchema,
  dueAt: isoDateTime,
  followUps: z.array(FollowUpSchema).max(LIMITS.sessionsPerCase),
  status: FulfilmentStatusSchema,
  fulfilledAt: isoDateTime.optional(),
  enforcementAt: isoDateTime.optional(),
});
export type Fulfilment = z.infer<typeof FulfilmentSchema>;

/** The agreement recorded on settlement (terms by reference: the document lives elsewhere). */
export const SettlementSchema = z.strictObject({
  at: isoDateTime,
  amountYuan: AmountYuanSchema,
  termsRef: IdentifierSchema,
  /** Last moment both parties may apply for judicial confirmation (settlement + 30 days). */
  confirmationWindowEndsAt: isoDateTime,
  /** When the parties applied for judicial confirmation, if they did. */
  confirmationAppliedAt: isoDateTime.optional(),
});
export type Settlement = z.infer<typeof SettlementSchema>;
