import type { RegisteredCounty } from '../counties/county-registry-port';
import type { LedgerApplyResult, LedgerOutbox } from './ledger-port';

/**
 * The rest of the record (issue 19): a county's registered profile and its settings, and the
 * installation's user accounts. Each is copied as its current state; docs/ledger.md tells how a
 * change reaches the ledger (the county's outbox for profile and settings, the installation's user
 * outbox for accounts).
 */

/** The kinds of per-county settings, each one Redis string `tj:{c}:settings:<kind>`. */
export const COUNTY_SETTINGS_KINDS = ['dispatch', 'indicators', 'summons'] as const;
export type CountySettingsKind = (typeof COUNTY_SETTINGS_KINDS)[number];

/** Settings of one kind as stored (the JSON the settings routes wrote); a kind never set is absent. */
export interface StoredSettings {
  readonly kind: CountySettingsKind;
  readonly doc: unknown;
}

/** What the projector reads of a county besides its cases: the registry's record and the settings. */
export interface CountyRecordSource {
  /** The registered county; null when it was never registered. */
  profile(): Promise<RegisteredCounty | null>;
  settings(): Promise<readonly StoredSettings[]>;
}

export interface LedgerUserRow {
  readonly username: string;
  readonly county: string | null;
  readonly role: string;
  readonly disabled: boolean;
  readonly createdAt: string;
  /** The stored record, password as its argon2id hash only. */
  readonly doc: string;
}

/** Where the ledger stands in the installation's user outbox. */
export interface UserLedgerCursor {
  readonly outbox: string;
  readonly outboxRead: number;
  /** False until the first copy, which copies every account. */
  readonly copied: boolean;
}

export interface UserLedgerBatch {
  readonly fromId: string;
  readonly toId: string;
  readonly readCount: number;
  readonly users: readonly LedgerUserRow[];
}

/** The ledger's side of the accounts: its cursor, and a batch written with the cursor's move. */
export interface UserLedgerWriter {
  cursor(): Promise<UserLedgerCursor>;
  apply(batch: UserLedgerBatch): Promise<LedgerApplyResult>;
}

/** The installation's user outbox (no audit trail beside it). */
export type UserOutbox = Pick<LedgerOutbox, 'read' | 'counts' | 'trimThrough'>;

/** What the ledger gives back to Redis of a county's record (rebuild-hot-state). */
export interface LedgerCountyRecord {
  readonly profile: unknown;
  readonly status: string;
  readonly version: number;
  readonly updatedAt: string;
}

/** A county's profile and settings as the ledger holds them, for a rebuild. */
export interface HeldCountyRecords {
  /** The registered profile, status and version; null when the county was never registered. */
  readonly county: LedgerCountyRecord | null;
  readonly settings: readonly StoredSettings[];
}
