import type { SummonsSettings } from '../../domain/config/departments-config';
import type { Summons, SummonsStatus } from '../../domain/summons/summons';
import type { SummonsEvent } from '../../domain/summons/summons-event';
import type { SummonsCaseStanding } from '../../domain/summons/summons-follow';

/** Filters of a county's summons listing; every filter given must match. */
export interface SummonsQuery {
  readonly department?: string;
  readonly status?: SummonsStatus;
  /** requiredBy in [from, to). */
  readonly from?: Date;
  readonly to?: Date;
}

export type SummonsCommitResult = 'ok' | 'conflict' | 'not_found';

/**
 * Summonses of one county. Two implementations: `MemorySummonsStore` (simulator, tests) and
 * `RedisSummonsStore` (the service). Each write is atomic with its events: a summons is stored,
 * indexed and announced together or not at all.
 */
export interface SummonsStore {
  get(id: string): Promise<Summons | null>;
  /** Stores new summonses (an id already stored is left as it is) and appends their events. */
  create(summonses: readonly Summons[], events: readonly SummonsEvent[]): Promise<void>;
  /** Writes `next` when the stored version is still `expectedVersion`, with its events. */
  commit(expectedVersion: number, next: Summons, events: readonly SummonsEvent[]): Promise<SummonsCommitResult>;
  /** The summonses of a case, earliest requiredBy first. */
  listByCase(caseId: string): Promise<readonly Summons[]>;
  /** The county's summonses matching the query, earliest requiredBy first. */
  list(query: SummonsQuery): Promise<readonly Summons[]>;
  /** Open summonses (issued, acknowledged) whose requiredBy is before `until`, earliest first: the clock's work. */
  openBefore(until: Date): Promise<readonly Summons[]>;
}

/** A county's roster and summons clock; a county that never saved its own reads the bundled one. */
export interface SummonsSettingsStore {
  get(): Promise<SummonsSettings>;
  put(settings: SummonsSettings): Promise<void>;
}

/**
 * What the summons clock reads of a case before it reminds about or misses a summons: whether the
 * case closed (and when) and how its sessions stand. `caseStandingReader` implements it over the
 * lifecycle store.
 */
export interface SummonsCaseReader {
  /** Null when the case is unknown (the summons is then left to the clock as it is). */
  standing(caseId: string): Promise<SummonsCaseStanding | null>;
}
