import type { ArchivedCase } from '../../domain/lifecycle/archive';
import type { CaseFile } from '../../domain/lifecycle-file';

/** Archived records of closed cases, for the reports and GET of a case. */
export interface ArchivedCases {
  /** The archived record, or null when the case is not archived (still held in full, or unknown). */
  get(caseId: string): Promise<ArchivedCase | null>;
  /** Every archived record of the county (order unspecified). */
  list(): Promise<readonly ArchivedCase[]>;
}

/**
 * `archived`: the case and its lifecycle keys were replaced by the record; `changed`: the file or
 * the case status moved since it was read (nothing written); `gone`: no full case any more
 * (another worker archived it first) — harmless, nothing written.
 */
export type ArchiveOutcome = 'archived' | 'changed' | 'gone';

/**
 * `retired`: the case left Redis's full state (archived, or evicted to the ledger); `changed`: it
 * moved since it was read (nothing written); `gone`: another worker retired it first; `kept`: the
 * policy keeps it for now (the ledger does not hold it at this version yet) — a later run retries.
 */
export type RetireOutcome = 'retired' | 'changed' | 'gone' | 'kept';

/**
 * The retention policy the clock's retention step takes, explicit: without a ledger a closed case
 * is archived to a compact record in Redis (`RedisCaseArchive`); with one it leaves Redis entirely
 * once the ledger holds it (`ledgerEviction`, use-cases/ledger).
 */
export interface ClosedCaseRetention {
  /** Ids of cases still held in full that were referred before `before`, oldest first, from `offset`. */
  referredBefore(before: Date, offset: number, limit: number): Promise<readonly string[]>;
  /** Retires the closed case `file` (read just before) if it is still at that version. */
  retire(file: CaseFile, now: Date): Promise<RetireOutcome>;
}

/** Where the retention step finds closed cases and archives them (the policy without a ledger). */
export interface CaseArchiveStore extends ArchivedCases, ClosedCaseRetention {
  /**
   * Atomically replaces the case record and every lifecycle key of `file` (file, session and
   * calendar entries, index memberships) by `record`, if the stored file is still at `file.version`.
   */
  archive(file: CaseFile, record: ArchivedCase): Promise<ArchiveOutcome>;
}
