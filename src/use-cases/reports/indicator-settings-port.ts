import type { IndicatorSettings } from '../../domain/config/indicator-settings';

/** A county's indicator settings: populations with their year, the quality window (issue 17). */
export interface IndicatorSettingsStore {
  /** The county's own, or the defaults of its configuration when it never saved any. */
  get(): Promise<IndicatorSettings>;
  put(settings: IndicatorSettings): Promise<void>;
}
