import { z } from 'zod';
import { IdentifierSchema } from '../party-identifier';
import type { CountyMap } from './schema';

/** A head count with the year it describes, e.g. `{ population: 170000, year: 2023 }`. */
export const PopulationFigureSchema = z.strictObject({
  population: z.number().int().min(1).max(1e9),
  year: z.number().int().min(1900).max(2100),
});

/** Longest window after a settlement in which a complaint or a return to court can still count against it. */
const MAX_QUALITY_WINDOW_DAYS = 730;

/**
 * What the county's indicators are computed with (issue 17, parts 4 and 5); stored per county,
 * `GET`/`PUT /v1/settings/indicators`. A county that never saved its own reads
 * `defaultIndicatorSettings` of its configuration.
 */
export const IndicatorSettingsSchema = z
  .strictObject({
    population: z.strictObject({
      /** Resident population of the county (万人成讼率). @defaultValue county.json's population (170000) and year */
      county: PopulationFigureSchema,
      /** Per township id; a township left out has no per-10,000 figure of its own. @defaultValue the sums of county.json's villages */
      townships: z.record(IdentifierSchema, PopulationFigureSchema),
    }),
    /**
     * Days after a settlement in which a return to court, an enforcement or a new petition makes
     * the case not high quality (优质率); a settlement is counted once its window has ended. @defaultValue 90
     */
    qualityWindowDays: z.number().int().min(1).max(MAX_QUALITY_WINDOW_DAYS),
  })
  .meta({ id: 'IndicatorSettings' });
export type IndicatorSettings = z.infer<typeof IndicatorSettingsSchema>;

export const DEFAULT_QUALITY_WINDOW_DAYS = 90;

/** The settings of a county that never saved its own: populations from its configuration. */
export function defaultIndicatorSettings(county: CountyMap): IndicatorSettings {
  const year = county.county.populationYear;
  return {
    population: {
      county: { population: county.county.population, year },
      townships: Object.fromEntries(
        county.townships.map((t) => [t.id, { population: t.villages.reduce((a, v) => a + v.population, 0), year }]),
      ),
    },
    qualityWindowDays: DEFAULT_QUALITY_WINDOW_DAYS,
  };
}
