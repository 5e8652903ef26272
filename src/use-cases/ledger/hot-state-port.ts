import type { Case } from '../../domain/case';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { Mediator } from '../../domain/mediator';
import type { Summons } from '../../domain/summons/summons';
import type { StoredUser } from '../../domain/user';
import type { HeldCountyRecords } from './county-records-port';

/**
 * Rebuilding a county's hot state from the ledger (issue 19: `tiaojie rebuild-hot-state`): what
 * the ledger gives, what Redis is given back, and the derivations in between (hot-state-image.ts).
 */

/** A case the ledger holds and retention has not evicted, as the service last wrote it. */
export interface LedgerHotCase {
  readonly record: Case;
  /** The file as the lifecycle reads it; version 0 when Redis held no stored file (it is opened from the record). */
  readonly file: CaseFile;
  /** When the ledger last copied the case (the record's `updatedAt` is not in the ledger). */
  readonly copiedAt: string;
}

/** Everything of one county the ledger gives back to Redis. */
export interface LedgerHotState {
  readonly roster: readonly Mediator[];
  /** Court months as the service stored them (month → its stored JSON value). */
  readonly courtMonths: readonly { readonly month: string; readonly doc: unknown }[];
  readonly cases: readonly LedgerHotCase[];
  /** The summonses of those cases. */
  readonly summonses: readonly Summons[];
  /** Category and attempts of every case, evicted ones included: the mediators' outcome history. */
  readonly attemptHistory: readonly Pick<CaseFile, 'category' | 'attempts'>[];
  /** The profile and settings; null when the ledger never copied them (a ledger older than m0003 not projected since). */
  readonly records: HeldCountyRecords | null;
  /** The county's user accounts. */
  readonly users: readonly StoredUser[];
}

/** The ledger's side of a rebuild. */
export interface HotStateSource {
  read(): Promise<LedgerHotState>;
  /** Moves the county's outbox cursor back to the start with nothing read: after a rebuild the outbox begins empty. */
  resetOutboxCursor(): Promise<void>;
}

/** One case as Redis holds it, derived from the ledger's copy. */
export interface HotCase {
  readonly record: Case;
  /** The stored lifecycle file; null when Redis held none (the file opens from the record). */
  readonly storedFile: CaseFile | null;
  readonly updatedAt: string;
  /** The mediators whose case index (by mediator) lists the case. */
  readonly indexedMediators: readonly string[];
}

/** A county's hot state, ready to write. */
export interface HotStateImage {
  readonly roster: readonly Mediator[];
  readonly courtMonths: LedgerHotState['courtMonths'];
  readonly cases: readonly HotCase[];
  readonly summonses: readonly Summons[];
  /** Open seats per mediator (only mediators with one at least). */
  readonly loads: ReadonlyMap<string, number>;
  /** `mediatorId|category` → [settled, concluded attempts]. */
  readonly outcomes: ReadonlyMap<string, readonly [number, number]>;
  /** Null: leave the county's profile and settings in Redis as they are. */
  readonly records: HeldCountyRecords | null;
  /** Accounts to restore where Redis holds none of that name. */
  readonly users: readonly StoredUser[];
}

/** Redis's side of a rebuild. */
export interface HotStateStore {
  /** How many cases Redis holds for the county now. */
  caseCount(): Promise<number>;
  /** Deletes every key a rebuild writes, and the outbox (its entries are the ledger's already, or lost with --replace). */
  clear(): Promise<void>;
  write(image: HotStateImage): Promise<void>;
}
