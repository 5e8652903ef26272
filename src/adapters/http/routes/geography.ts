import { z } from 'zod';
import { LabelSchema, LocationSchema } from '../../../domain';
import type { DispatchConfig } from '../../../domain/config/load';
import { countyMapView, openCasesOf } from '../../../use-cases/geography/county-map';
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

const PlaceMediatorsSchema = z
  .object({
    count: z.number().int(),
    onLeave: z.number().int().meta({ description: 'mediators with status `on_leave`' }),
    load: z.number().int().meta({ description: 'open seats held' }),
    capacity: z.number().int().meta({ description: 'Σ capacity' }),
  })
  .meta({ id: 'PlaceMediators' });
const MapPlace = {
  id: z.string(),
  name: LabelSchema,
  population: z.number().int(),
  openCases: z.number().int(),
  mediators: PlaceMediatorsSchema,
};

export const CountyMapSchema = z
  .object({
    county: PlaceSchema.extend({ population: z.number().int() }),
    centre: z
      .object({ township: z.string(), location: LocationSchema })
      .meta({ description: 'the dispute-resolution centre, at the county seat' }),
    townships: z.array(
      z.object({
        ...MapPlace,
        seat: LocationSchema,
        mediators: PlaceMediatorsSchema.meta({ description: 'every mediator whose township this is, of any tier' }),
        villages: z.array(
          z.object({
            ...MapPlace,
            location: LocationSchema,
            mediators: PlaceMediatorsSchema.meta({ description: 'village-tier mediators of the village' }),
          }),
        ),
      }),
    ),
    openCases: z.number().int(),
    unplacedCases: z.number().int().meta({ description: 'open cases whose township or village the configuration lacks (not drawn)' }),
  })
  .meta({ id: 'CountyMap' });

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
export function geographyRoutes({ router, registry, deps }: RouteTarget): void {
  // Each county's own geography (its registered profile, else the embedded one), read per request from the cached configuration.
  const configOf = async (county: string) => (await deps.stores.countyConfigs.of(county)).config;
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/geography',
    tag: 'geography',
    summary: 'Townships and villages of the county with their ids and zh/en names (from the county configuration)',
    roles: ['court', 'dispatcher', 'viewer'],
    response: GeographySchema,
    handler: async ({ caller }) => geographyOf(await configOf(caller.county)),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/geography/map',
    tag: 'geography',
    summary:
      'The county as a map draws it: coordinates and populations of the townships, villages and centre, with open cases and mediator loads per place',
    description:
      'An explicit map view for people who run the centre (the console draws it as SVG, offline): unlike GET /v1/geography it carries locations and populations. ' +
      'Open cases (every status but settled, returned to court and withdrawn) are counted by the township and village of the dispute; mediators by their township (any tier) and village (village tier), with their open seats and capacity now.',
    roles: ['dispatcher', 'viewer'],
    response: CountyMapSchema,
    handler: async ({ caller }) => {
      const directory = deps.stores.mediators(caller.county);
      const [config, open, mediators, loads] = await Promise.all([
        configOf(caller.county),
        openCasesOf(deps.stores.cases(caller.county)),
        directory.list(),
        directory.loads(),
      ]);
      return countyMapView(config.county, open, mediators, loads);
    },
  });
}
