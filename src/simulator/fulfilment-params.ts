import { z } from 'zod';
import { CategorySchema } from '../domain/taxonomy';
import { SettlementModeSchema } from '../domain/fulfilment';

const share = z.number().min(0).max(1);
const dayRange = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

/**
 * How simulated settlements are fulfilled (issue 17, part 6), in simulator.json `fulfilment`:
 * the mode by dispute type, how a pending fulfilment ends, and which agreements the parties take
 * to judicial confirmation and how the court decides. Documented in docs/after-agreement.md.
 */
export const FulfilmentParamsSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Dispute types of each mode mix; a category in none uses `other`. */
  groups: z.strictObject({ tea: z.array(CategorySchema), reasoning: z.array(CategorySchema), law: z.array(CategorySchema) }),
  /** Share of each settlement mode per group (each sums to 1). */
  modeMix: z.strictObject({
    tea: z.partialRecord(SettlementModeSchema, share),
    reasoning: z.partialRecord(SettlementModeSchema, share),
    law: z.partialRecord(SettlementModeSchema, share),
    other: z.partialRecord(SettlementModeSchema, share),
  }),
  /** A pending fulfilment: fulfilled by its due date, fulfilled late; the rest renege. */
  fulfilledOnTime: share,
  fulfilledLate: share,
  /** A supervised party who cannot pay by the due date gets an extension instead of reneging at once. */
  supervisedExtensionShare: share,
  confirmation: z.strictObject({
    /** Agreements with an amount that the parties take to judicial confirmation: court referrals, and the rest. */
    courtWithAmountShare: share,
    otherWithAmountShare: share,
    /** Days after the agreement the parties apply. */
    applyDays: dayRange,
    /** The court accepts the application; days it takes to decide (over the 3-day target is flagged overdue). */
    acceptedShare: share,
    acceptanceDays: dayRange,
    /** An accepted application is confirmed (else rejected); days from acceptance to the ruling. */
    confirmedShare: share,
    rulingDays: dayRange,
  }),
});
export type FulfilmentParams = z.infer<typeof FulfilmentParamsSchema>;
