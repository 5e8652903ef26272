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

/** Where the retention step finds closed cases and archives them. */
export interface CaseArchiveStore extends ArchivedCases {
  /** Ids of cases still held in full that were referred before `before`, oldest first, from `offset`. */
  referredBefore(before: Date, offset: number, limit: number): Promise<readonly string[]>;
  /**
   * Atomically replaces the case record and every lifecycle key of `file` (file, session and
   * calendar entries, index memberships) by `record`, if the stored file is still at `file.version`.
   */
  archive(file: CaseFile, record: ArchivedCase): Promise<ArchiveOutcome>;
}
