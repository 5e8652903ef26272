import { z } from 'zod';
import { CaseClassSchema } from '../taxonomy';

/**
 * Seats a county keeps free for the cases it expects (issue 20): for each rule, the seats of a
 * protected pool held back from other classes, as many as the forecast of `forClass` arrivals over
 * the next `horizonDays` says are needed at the `quantile` (Poisson upper quantile of the expected
 * count). The forecast comes from the county's own arrival history, per weekday and month.
 */
export const PROTECTED_POOLS = ['gold', 'industry_legal'] as const;
export const ProtectedPoolSchema = z.enum(PROTECTED_POOLS);
export type ProtectedPool = z.infer<typeof ProtectedPoolSchema>;

/** The longest arrival history a rule may read, days: the arrival index keeps no more (adapters/redis/arrival-index.ts). */
export const MAX_HISTORY_DAYS = 800;

export const ReservationRuleSchema = z.strictObject({
  /** `gold`: gold-medal mediators; `industry_legal`: the legal organisations' mediators (tier-rules.json). */
  pool: ProtectedPoolSchema,
  /** The class the seats are kept for; other classes may not take them. */
  forClass: CaseClassSchema,
  /** How far ahead the forecast looks, days; the reservation is recomputed at each dispatch, so seats are released as the horizon passes. */
  horizonDays: z.number().positive().max(60),
  /** Seats kept = the smallest k with P(arrivals ≤ k) ≥ quantile, Poisson around the forecast. */
  quantile: z.number().min(0.5).max(0.999),
  /** Days of arrival history the forecast reads. */
  historyDays: z.number().int().min(7).max(MAX_HISTORY_DAYS),
});
export type ReservationRule = z.infer<typeof ReservationRuleSchema>;

/** Gold-medal and legal-expert seats kept for the major cases of the next two days, at 90%. */
export const DEFAULT_RESERVATIONS: readonly ReservationRule[] = [
  { pool: 'gold', forClass: 'major', horizonDays: 2, quantile: 0.9, historyDays: 365 },
  { pool: 'industry_legal', forClass: 'major', horizonDays: 2, quantile: 0.9, historyDays: 365 },
];
