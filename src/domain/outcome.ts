import { z } from 'zod';
import { CategorySchema } from './taxonomy';

/**
 * Settled / failed counts per mediator and category: the history the success prediction learns from.
 */
export const OutcomeStatSchema = z.strictObject({
  mediatorId: z.string().min(1),
  category: CategorySchema,
  successes: z.number().int().min(0),
  attempts: z.number().int().min(0),
});
export type OutcomeStat = z.infer<typeof OutcomeStatSchema>;
