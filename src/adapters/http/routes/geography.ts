import { z } from 'zod';
import { LabelSchema } from '../../../domain';
import { loadDispatchConfig, type DispatchConfig } from '../../../domain/config/load';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const PlaceSchema = z.object({ id: z.string(), name: LabelSchema });

export const GeographySchema = z
  .object({
    county: PlaceSchema,
    /** The county's townships in configuration order, each with its villages and communities. */
    townships: z.array(PlaceSchema.extend({ villages: z.array(PlaceSchema) })),
  })
  .meta({ id: 'Geography' });
type Geography = z.infer<typeof GeographySchema>;

/** Ids and zh/en names only: locations and populations are the optimizer's, not the reader's. */
function geographyOf(config: DispatchConfig): Geography {
  const { county, townships } = config.county;
  return {
    county: { id: county.id, name: county.name },
    townships: townships.map((t) => ({
      id: t.id,
      name: t.name,
      villages: t.villages.map((v) => ({ id: v.id, name: v.name })),
    })),
  };
}

/** The names behind the township and village ids that cases, mediators and reports carry. */
export function geographyRoutes({ router, registry }: RouteTarget): void {
  const geography = geographyOf(loadDispatchConfig());
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/geography',
    tag: 'geography',
    summary: 'Townships and villages of the county with their ids and zh/en names (from the county configuration)',
    roles: ['court', 'dispatcher', 'viewer'],
    response: GeographySchema,
    handler: () => Promise.resolve(geography),
  });
}
