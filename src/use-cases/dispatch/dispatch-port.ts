import type { Assignment, Case, Mediator, OutcomeStat, UnassignedReason } from '../../domain';
import type { LoadOutcomeStat } from '../../cost-model/load-success';

/**
 * What the dispatch use case needs from storage, for one county. Two implementations share it:
 * `MemoryDispatchStore` (demo, benchmarks, tests) and the Redis store of the service. Every method
 * is async so either can sit behind it; reads may be taken at slightly different moments, which is
 * why `commitAssignments` re-checks everything it relies on.
 */
export interface DispatchStore {
  /** Every mediator of the county, whatever their status (the cost model applies the rules). */
  listMediators(): Promise<readonly Mediator[]>;

  /** Open cases per mediator id (seats on cases assigned and not yet closed); absent = 0. */
  loads(): Promise<ReadonlyMap<string, number>>;

  /**
   * Cases waiting for dispatch (status `referred` or `unassigned`), oldest referral first.
   * With `ids`, only those cases (and only if waiting); with `limit`, at most that many.
   */
  waitingCases(query?: WaitingQuery): Promise<readonly Case[]>;

  /** Settled / attempted counts per mediator × category, for the success prediction. */
  outcomeStats(): Promise<readonly OutcomeStat[]>;

  /**
   * Closed seats by the load their mediator carried when the case was assigned (open cases with it,
   * capacity), with settled / attempted counts: what load-aware success learns from (issue 20).
   * A store that does not keep them need not implement it; the cost then uses the prior shifts.
   */
  loadOutcomeStats?(): Promise<readonly LoadOutcomeStat[]>;

  /**
   * Writes assignments. Each entry is atomic on its own — all of its seats or none — and entries
   * are applied in order. A dispatcher's entry (`by: dispatcher`) or a proposal's (`lead`) may also
   * assign a `held` or `proposed` case. An entry is refused, and nothing of it written, when the case is unknown
   * or no longer waiting (`already_assigned`: a second delivery of the same job is harmless), when
   * a mediator is unknown or `on_leave`, when the same mediator fills two seats, or when any seat
   * would take a mediator over capacity, counting entries committed earlier in the same call.
   * A committed entry sets the case to `assigned` with the assignment and adds 1 to each seat's load.
   */
  commitAssignments(batch: readonly AssignmentCommit[]): Promise<CommitResult>;

  /**
   * Records that a dispatch could not assign these cases: status `unassigned` with the reason.
   * Cases no longer waiting are left untouched (a concurrent dispatch assigned them).
   */
  markUnassigned(batch: readonly UnassignedMark[]): Promise<void>;

  /**
   * Records read since the last call that failed validation, and were left out of what the reads
   * returned: a bad mediator is not offered to dispatch, a bad case not solved. A store that
   * validates nothing (the in-memory one holds only parsed records) need not implement it.
   */
  takeQuarantined?(): readonly QuarantinedRecord[];
}

/** A stored record that failed validation: which, and why (field and rule; never the value). */
export interface QuarantinedRecord {
  readonly kind: 'mediator' | 'case' | 'load' | 'outcome';
  readonly id: string;
  readonly reason: string;
}

export interface WaitingQuery {
  /** Restrict to these case ids. */
  readonly ids?: readonly string[];
  /** At most this many cases. @defaultValue no limit */
  readonly limit?: number;
}

export interface AssignmentCommit {
  readonly caseId: string;
  readonly assignment: Assignment;
  /**
   * Emitted just before `case.assigned` when the entry commits a proposal (issue 16): confirmed
   * by a dispatcher, or expired and committed as proposed. @defaultValue none
   */
  readonly lead?: 'case.proposal_confirmed' | 'case.proposal_expired';
}

export type CommitRefusalReason =
  'unknown_case' | 'already_assigned' | 'unknown_mediator' | 'mediator_unavailable' | 'duplicate_mediator' | 'over_capacity';

export interface CommitRefusal {
  readonly caseId: string;
  readonly reason: CommitRefusalReason;
  /** The mediator that caused the refusal, when one did. */
  readonly mediatorId?: string;
}

export interface CommitResult {
  /** Case ids now assigned, in batch order. */
  readonly committed: readonly string[];
  readonly refused: readonly CommitRefusal[];
}

export interface UnassignedMark {
  readonly caseId: string;
  readonly reason: UnassignedReason;
}
