import type { Case, Proposal } from '../../domain';
import type { DispatchSettings } from '../../domain/config/dispatch-settings';

/** A proposal to write on a waiting case. */
export interface ProposalEntry {
  readonly caseId: string;
  readonly proposal: Proposal;
}

/**
 * What the dispatch modes need from storage, for one county: cases set aside for a person and
 * proposals. Each write is atomic per case and leaves a case that is no longer waiting alone (a
 * pin got there first), so the batcher never overwrites a dispatcher's decision.
 */
export interface ProposalStore {
  /** Waiting cases → `held` (out of the waiting index), each with a `case.held` event; returns the ids changed. */
  hold(caseIds: readonly string[]): Promise<readonly string[]>;
  /** Waiting cases → `proposed` with their proposal, each with a `case.proposed` event; returns the ids written. */
  propose(entries: readonly ProposalEntry[]): Promise<readonly string[]>;
  /** Proposed cases whose proposal expired by `now`, earliest expiry first, at most `limit`. */
  dueProposals(now: Date, limit: number): Promise<readonly Case[]>;
  /**
   * A proposed case whose proposal could not be committed at expiry (a seat filled up meanwhile):
   * back to waiting, `unassigned` with reason `conflict`, the proposal kept so the next dispatch
   * treats it as `auto`. False when the case was no longer proposed.
   */
  release(caseId: string): Promise<boolean>;
}

/** A county's dispatch settings; a county that never saved any reads the defaults. */
export interface DispatchSettingsStore {
  get(): Promise<DispatchSettings>;
  put(settings: DispatchSettings): Promise<void>;
}
