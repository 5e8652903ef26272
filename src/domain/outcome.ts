import { z } from 'zod';
import { CategorySchema } from './taxonomy';
import { IdentifierSchema } from './party-identifier';

/**
 * Settled / failed counts per mediator and category: the history the success prediction learns from.
 */
export const OutcomeStatSchema = z.strictObject({
  mediatorId: IdentifierSchema,
  category: CategorySchema,
  successes: z.number().int().min(0).max(1e9),
  attempts: z.number().int().min(0).max(1e9),
});
export type OutcomeStat = z.infer<typeof OutcomeStatSchema>;
