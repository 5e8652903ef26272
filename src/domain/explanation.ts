import { z } from 'zod';
import { SeatRoleSchema, TierSchema } from './taxonomy';

/**
 * Why a mediator was chosen: the arc cost split by term (the terms add up to the arc cost the
 * optimizer saw), the marginal load cost (carried by the agent's convex `loadCosts`, not the arc),
 * and the next-best mediators with the difference per term.
 */

export const ARC_TERMS = ['expertise', 'travel', 'success', 'goldPremium', 'overflow', 'urgency'] as const;
export const ArcTermSchema = z.enum(ARC_TERMS);
export type ArcTerm = z.infer<typeof ArcTermSchema>;

/** Arc cost by term; Σ terms (with `priority` when present) = arc cost. */
export const ArcTermsSchema = z.strictObject({
  expertise: z.number(),
  travel: z.number(),
  success: z.number(),
  goldPremium: z.number(),
  overflow: z.number(),
  urgency: z.number(),
  /**
   * Deadline priority (issue 20): the same large amount on every arc of a case that can wait, so
   * cases that cannot wait are served first. It orders cases, never mediators, and is not a cost
   * anybody pays: people see "served first: due tomorrow", and the cost shown leaves it out
   * (`shownCost`). Absent when the case must be served now, and on explanations older than it.
   */
  priority: z.number().optional(),
});
export type ArcTerms = z.infer<typeof ArcTermsSchema>;

/** Σ of every term of an arc: the arc cost the optimizer saw. */
export function sumArcTerms(t: ArcTerms): number {
  return t.expertise + t.travel + t.success + t.goldPremium + t.overflow + t.urgency + (t.priority ?? 0);
}

/** The plain facts behind the terms, for people. */
export const CandidateFactsSchema = z.strictObject({
  tier: TierSchema,
  township: z.string(),
  distanceKm: z.number().min(0),
  /** Proficiency 0..1 in the case's category. */
  proficiency: z.number().min(0).max(1),
  /** Open cases at snapshot time. */
  load: z.number().min(0),
  capacity: z.number().min(0),
  /** Predicted probability of settlement, from outcome history smoothed toward the prior. */
  predictedSuccess: z.number().min(0).max(1),
  /** The prediction before the mediator's load lowered it (issue 20); absent when load changed nothing. */
  successWithoutLoad: z.number().min(0).max(1).optional(),
  /** How short of seats the mediator's pool is, 0..1 (seat pressure, issue 20); absent at 0. */
  seatPressure: z.number().min(0).max(1).optional(),
});
export type CandidateFacts = z.infer<typeof CandidateFactsSchema>;

export const CandidateCostSchema = z.strictObject({
  mediatorId: z.string(),
  /** What the optimizer saw on the (case seat, mediator) arc: Σ terms. */
  arcCost: z.number(),
  /** Cost of one more case at the mediator's snapshot load (the convex load-balance term). */
  loadCost: z.number(),
  /** arcCost + loadCost. */
  total: z.number(),
  terms: ArcTermsSchema,
  facts: CandidateFactsSchema,
});
export type CandidateCost = z.infer<typeof CandidateCostSchema>;

/** The cost shown to people (综合成本): the total without the deadline priority, which orders cases, not mediators. */
export function shownCost(c: Pick<CandidateCost, 'total' | 'terms'>): number {
  return c.total - (c.terms.priority ?? 0);
}

/** A runner-up and how much worse (positive) or better (negative) it is on each term. */
export const AlternativeSchema = CandidateCostSchema.extend({
  difference: ArcTermsSchema.extend({ loadCost: z.number(), total: z.number() }),
});
export type Alternative = z.infer<typeof AlternativeSchema>;

/** Sentences for people in one language: the summary, and the reasons with the deciding one first. */
export const WordsSchema = z.strictObject({
  summary: z.string(),
  reasons: z.array(z.string()),
});
export type Words = z.infer<typeof WordsSchema>;

/** The same words in every language the service speaks (src/domain/i18n/locale.ts). */
export const LocalizedWordsSchema = z.strictObject({ 'zh-CN': WordsSchema, en: WordsSchema });
export type LocalizedWords = z.infer<typeof LocalizedWordsSchema>;

export const ExplanationSchema = z.strictObject({
  role: SeatRoleSchema,
  chosen: CandidateCostSchema,
  /** The next-best eligible mediators for the same seat, best first. */
  alternatives: z.array(AlternativeSchema),
  /** One readable sentence for a dispatcher (English, kept for existing clients; see `summary`). */
  text: z.string(),
  /** Names, rounded figures and the deciding reason first, in every language (absent on explanations older than issue 16). */
  words: LocalizedWordsSchema.optional(),
  /** In replies: `words` in the request's language (`?lang=` or `Accept-Language`, default zh-CN). */
  summary: z.string().optional(),
  /** In replies: the reasons in the request's language, the deciding one first. */
  reasons: z.array(z.string()).optional(),
});
export type Explanation = z.infer<typeof ExplanationSchema>;
