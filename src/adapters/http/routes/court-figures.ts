import { z } from 'zod';
import { CourtFiguresSchema, CourtMonthSchema, COURT_FIGURE_FIELDS } from '../../../domain/court-figures';
import { ValidationError } from '../../../domain/errors';
import { recordCourtFigures } from '../../../use-cases/court-figures/import-court-figures';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const CourtMonthRecordSchema = z
  .object({ month: z.string(), figures: CourtFiguresSchema, updatedAt: z.string() })
  .meta({ id: 'CourtMonth', description: 'One month of the court’s figures as held, with when they last changed' });

const PutResultSchema = z
  .object({
    month: z.string(),
    figures: CourtFiguresSchema,
    /** What the PUT did: a month already held with the same figures is left untouched (idempotent). */
    outcome: z.enum(['created', 'updated', 'unchanged']),
    /** `updated`: the figures that changed. */
    changedFields: z.array(z.enum(COURT_FIGURE_FIELDS)),
  })
  .meta({ id: 'CourtFiguresPutResult' });

/**
 * The court's monthly figures per county (issue 17 part 4): PUT one month, GET a range. The court
 * (role `court`) or an admin writes; the CSV import (`tiaojie import court-figures`) does the same
 * for many months at once.
 */
export function courtFigureRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'put',
    path: '/v1/court-figures/:month',
    tag: 'reports',
    summary:
      "Record the court's figures of one month (civil/commercial and administrative filings, transfers to pre-filing mediation, filings after failed mediation)",
    description:
      'Idempotent per month: the same figures again change nothing (`unchanged`); different figures replace the month (`updated`, naming the fields). ' +
      'The month is a local month `YYYY-MM`. They feed 万人成讼率 and 诉前调解率 of `GET /v1/reports/kpis`.',
    roles: ['court'],
    params: z.strictObject({ month: CourtMonthSchema }),
    body: CourtFiguresSchema,
    response: PutResultSchema,
    handler: async ({ caller, params, body }) => {
      const out = await recordCourtFigures(
        deps.stores.courtFigures(caller.county),
        [{ month: params.month, figures: body }],
        deps.clock?.() ?? new Date(),
      );
      const updated = out.updated[0];
      const outcome = out.created.length > 0 ? 'created' : updated ? 'updated' : 'unchanged';
      if (outcome !== 'unchanged')
        deps.log.info({ county: caller.county, month: params.month, outcome, by: caller.label }, 'court figures recorded');
      return { month: params.month, figures: body, outcome, changedFields: updated?.fields ?? [] };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/court-figures',
    tag: 'reports',
    summary: "The court's monthly figures held for the county, from one month to another (inclusive)",
    roles: ['dispatcher', 'viewer', 'court'],
    query: z.strictObject({
      /** First month, inclusive. @defaultValue the first held */
      from: CourtMonthSchema.optional(),
      /** Last month, inclusive. @defaultValue the last held */
      to: CourtMonthSchema.optional(),
    }),
    response: z.object({ months: z.array(CourtMonthRecordSchema) }),
    handler: async ({ caller, query }) => {
      if (query.from !== undefined && query.to !== undefined && query.to < query.from)
        throw new ValidationError([{ field: 'query.to', reason: 'must not be before from' }]);
      return { months: await deps.stores.courtFigures(caller.county).list(query.from, query.to) };
    },
  });
}
