import { countyMapOf, CountyProfileSchema } from '../../domain/config/county-profile';
import { defaultIndicatorSettings, IndicatorSettingsSchema, type IndicatorSettings } from '../../domain/config/indicator-settings';
import type { CountyMap } from '../../domain/config/schema';
import type { LedgerDb } from './ledger-db';

/**
 * A county's indicator settings as the ledger holds them, read as the service reads them in Redis
 * (RedisIndicatorSettings with the API's defaults): the county's own settings when valid, else the
 * defaults of its registered profile, else of `embedded` (a county never registered runs on the
 * embedded profile).
 */
export async function ledgerIndicatorSettings(db: LedgerDb, county: string, embedded: CountyMap): Promise<IndicatorSettings> {
  const [own, registered] = await Promise.all([
    db.selectFrom('county_settings').select('doc').where('county', '=', county).where('kind', '=', 'indicators').executeTakeFirst(),
    db.selectFrom('counties').select('profile').where('county', '=', county).executeTakeFirst(),
  ]);
  const settings = IndicatorSettingsSchema.safeParse(own?.doc);
  if (settings.success) return settings.data;
  const profile = CountyProfileSchema.safeParse(registered?.profile);
  return defaultIndicatorSettings(profile.success ? countyMapOf(profile.data) : embedded);
}
