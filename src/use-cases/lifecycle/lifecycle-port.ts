import type { Case } from '../../domain/case';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { LifecycleEvent } from '../../domain/lifecycle-event';

/** What a change to a case file brings along besides the file itself. */
export interface FileEffects {
  readonly events: readonly LifecycleEvent[];
  /** Mediators whose seat ended: open-case load −1 each. */
  readonly released: readonly string[];
}

export type CommitFileResult = 'ok' | 'conflict' | 'unknown_case';

/** The writes shared by the lifecycle store and the storage beneath it. */
interface FileWrites {
  /** Writes `next` when the stored version is still `expectedVersion`. */
  commitFile(expectedVersion: number, next: CaseFile, effects: FileEffects): Promise<CommitFileResult>;
  /** True the first time a county-wide key (a budget warning) is raised, false ever after. */
  raiseOnce(key: string): Promise<boolean>;
  /** Appends county-wide events (not tied to one case change) to the event stream. */
  emit(events: readonly LifecycleEvent[]): Promise<void>;
}

/**
 * Where case files live. Two implementations: `MemoryLifecycleStore` (simulation, tests) and
 * `caseFiles` over a `CaseFileStorage` (the service's Redis store). `commit` is a compare-and-set
 * on the file's version: the write, the case status, load releases and events happen together or
 * not at all.
 */
export interface LifecycleStore extends FileWrites {
  /** The case's file (opened from the case record on first use); null when the case is unknown. */
  getFile(caseId: string): Promise<CaseFile | null>;
  /** Every case file (for reports and the clock), in referral order. */
  listFiles(): Promise<readonly CaseFile[]>;
}

/** A case record with the file the lifecycle stored for it, if any. */
export interface StoredCaseFile {
  readonly case: Case;
  /** As stored, not yet reconciled with the case record; null when the lifecycle has written none. */
  readonly file: CaseFile | null;
}

/**
 * Case files as persisted, without lifecycle rules: `caseFiles` opens and reconciles them. An
 * implementation may remember what it read for the version check of `commitFile`; a file read as
 * null is committed with expected version 0 (the version of a freshly opened file).
 */
export interface CaseFileStorage extends FileWrites {
  /** The case record and its stored file; null when the case is unknown. */
  readStored(caseId: string): Promise<StoredCaseFile | null>;
  /** Every case record of the county with its stored file, in referral order. */
  listStored(): Promise<readonly StoredCaseFile[]>;
}
