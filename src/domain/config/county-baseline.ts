import { z } from 'zod';
import baselineJson from './published-figures.json';
import { parseOrThrow } from './parse-config';

/**
 * One published figure of the county: `given` (stated), `derived` (computed from stated figures
 * and the assumption in `basis`) or `not_known` (value null — the account gives none).
 */
export const BaselineFigureSchema = z
  .strictObject({
    indicator: z.string().min(1).max(40),
    /** A year `2023` or a span `2020–2023`. */
    period: z.string().min(4).max(20),
    value: z.number().nullable(),
    status: z.enum(['given', 'derived', 'not_known']),
    /** `lower`: the account says "over" this figure. @defaultValue an approximate figure ("about") */
    bound: z.enum(['lower']).optional(),
    basis: z.string().max(400),
  })
  .refine((f) => (f.status === 'not_known') === (f.value === null), {
    message: 'value is null exactly when status is not_known',
    path: ['value'],
  });
export type BaselineFigure = z.infer<typeof BaselineFigureSchema>;

export const CountyBaselineSchema = z.strictObject({
  $comment: z.string().optional(),
  source: z.string(),
  series: z.array(BaselineFigureSchema).max(200),
});
export type CountyBaseline = z.infer<typeof CountyBaselineSchema>;

/** The county's 2019–2023 published figures (src/domain/config/published-figures.json). */
export function loadCountyBaseline(raw: unknown = baselineJson): CountyBaseline {
  return parseOrThrow(CountyBaselineSchema, raw, 'published-figures.json');
}
