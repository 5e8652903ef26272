import type { Case } from '../../domain/case';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { LedgerCursors } from './ledger-port';

/** What the ledger holds of a case, for retention's check before it leaves Redis. */
export interface LedgerCaseState {
  readonly fileVersion: number;
  /** The case record's status as last copied. */
  readonly status: string;
  /** Summons id → version, of the case's summonses as last copied. */
  readonly summonsVersions: Readonly<Record<string, number>>;
}

/** The ledger's side of retention: what it holds of a case, and the mark that Redis let it go. */
export interface LedgerRetentionRecords {
  cursors(): Promise<LedgerCursors>;
  /** The case as the ledger holds it; null when it holds no row for it. */
  caseState(caseId: string): Promise<LedgerCaseState | null>;
  /** Records that the case left Redis at `at` (the row and its file stay: reports still count it). */
  markEvicted(caseId: string, at: Date): Promise<void>;
}

/** `evicted`: every key of the case left Redis; `changed`: it moved since read (nothing written); `gone`: no case any more. */
export type EvictOutcome = 'evicted' | 'changed' | 'gone';

/** What the eviction checks atomically in Redis before it removes a case. */
export interface EvictionExpectation {
  /** The case record's status the ledger holds. */
  readonly status: string;
  /** The case's summonses and their versions, as the ledger holds them (none may be open). */
  readonly summonsVersions: Readonly<Record<string, number>>;
  /** No outbox entry after this id may name the case or one of its summonses. */
  readonly outboxAfter: string;
}

/** Redis's side of retention with a ledger. */
export interface HotCaseEviction {
  /** Ids of cases held in Redis that were referred before `before`, oldest first, from `offset`. */
  referredBefore(before: Date, offset: number, limit: number): Promise<readonly string[]>;
  /**
   * Removes every key of the case — record, file, sessions, calendar entries, index memberships and
   * its summonses — in one atomic step, if the file is still at `file.version` and `expect` holds.
   */
  evict(file: CaseFile, expect: EvictionExpectation): Promise<EvictOutcome>;
}

/**
 * Cases the ledger holds, for the reads that must see a case Redis has let go: GET of a case and
 * intake's "this id is a case already" (an evicted case is never created again).
 */
export interface LedgerCaseLookup {
  /** The case record as the ledger last copied it; null when the ledger holds no such case. */
  get(caseId: string): Promise<Case | null>;
  /** Those of `caseIds` the ledger holds a row for (evicted or not). */
  heldIds(caseIds: readonly string[]): Promise<ReadonlySet<string>>;
}
