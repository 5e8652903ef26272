import type { CaseFile } from '../../domain/lifecycle-file';
import type { LifecycleEvent } from '../../domain/lifecycle-event';

/** What a change to a case file brings along besides the file itself. */
export interface FileEffects {
  readonly events: readonly LifecycleEvent[];
  /** Mediators whose seat ended: open-case load −1 each. */
  readonly released: readonly string[];
}

export type CommitFileResult = 'ok' | 'conflict' | 'unknown_case';

/**
 * Where case files live. Two implementations: `MemoryLifecycleStore` (simulation, tests) and the
 * Redis store of the service. `commit` is a compare-and-set on the file's version: the write, the
 * case status, load releases and events happen together or not at all.
 */
export interface LifecycleStore {
  /** The case's file (opened from the case record on first use); null when the case is unknown. */
  getFile(caseId: string): Promise<CaseFile | null>;
  /** Writes `next` when the stored version is still `expectedVersion`. */
  commitFile(expectedVersion: number, next: CaseFile, effects: FileEffects): Promise<CommitFileResult>;
  /** Every case file (for reports and the clock), in referral order. */
  listFiles(): Promise<readonly CaseFile[]>;
  /** True the first time a county-wide key (a budget warning) is raised, false ever after. */
  raiseOnce(key: string): Promise<boolean>;
  /** Appends county-wide events (not tied to one case change) to the event stream. */
  emit(events: readonly LifecycleEvent[]): Promise<void>;
}
