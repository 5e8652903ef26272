import type { CountyProfile, CountyStatus } from '../../domain/config/county-profile';

/** A registered county as stored: its profile, its status, and the version bumped by every profile change. */
export interface RegisteredCounty {
  readonly id: string;
  readonly profile: CountyProfile;
  readonly status: CountyStatus;
  readonly version: number;
  readonly updatedAt: string;
}

/** What a reader checks before trusting its cached configuration of a county: one small read. */
export interface CountyStamp {
  readonly status: CountyStatus;
  readonly version: number;
}

/** The installation's counties (issue 21): profiles and statuses, keyed by county id. */
export interface CountyRegistry {
  /** The county, or null when it was never registered (or its record fails validation). */
  get(id: string): Promise<RegisteredCounty | null>;
  /** Status and version only; null when not registered. */
  stamp(id: string): Promise<CountyStamp | null>;
  /** Writes the profile (bumping the version) and lists the county; a new county starts `active`. */
  putProfile(id: string, profile: CountyProfile, now: Date): Promise<void>;
  setStatus(id: string, status: CountyStatus, now: Date): Promise<void>;
  /** Every registered county, by id. */
  list(): Promise<readonly RegisteredCounty[]>;
}
