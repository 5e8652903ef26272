import { IndicatorSettingsSchema, type IndicatorSettings } from '../../domain/config/indicator-settings';
import type { IndicatorSettingsStore } from '../../use-cases/reports/indicator-settings-port';
import { countyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';
import { putCountySettings } from './county-settings';

/**
 * A county's indicator settings as one JSON string; a missing or unreadable record reads as
 * `defaults()` (the populations of the county's own profile: read only when needed).
 */
export class RedisIndicatorSettings implements IndicatorSettingsStore {
  private readonly key: string;

  constructor(
    private readonly redis: TiaojieRedis,
    private readonly county: string,
    private readonly defaults: () => Promise<IndicatorSettings>,
  ) {
    this.key = countyKeys(county).indicatorSettings;
  }

  async get(): Promise<IndicatorSettings> {
    const raw = await this.redis.get(this.key);
    if (raw === null) return this.defaults();
    try {
      const checked = IndicatorSettingsSchema.safeParse(JSON.parse(raw));
      return checked.success ? checked.data : this.defaults();
    } catch {
      return this.defaults();
    }
  }

  async put(settings: IndicatorSettings): Promise<void> {
    await putCountySettings(this.redis, this.county, 'indicators', settings);
  }
}
