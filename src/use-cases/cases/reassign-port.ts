import type { Assignment, CaseStatus } from '../../domain';
import type { LifecycleReassignment, ReassignedEventData, StoredLifecycle } from '../rebalance/rebalance-port';

/**
 * What a dispatcher's reassignment needs from storage, for one county: the case's lifecycle file
 * as stored, and one atomic step that moves the case (Redis: one Lua script).
 */
export interface CaseReassignStore {
  /** The stored lifecycle file with its version, or the case record when none is stored; undefined for an unknown case. */
  lifecycleFile(caseId: string): Promise<StoredLifecycle | undefined>;
  /**
   * Moves the case, all or nothing and atomically against dispatch, the lifecycle and the rebalance:
   * refused (nothing written) unless the case still has `expectedStatus`, `expectedMediatorIds` and
   * (with a file) the file's expected version; a new mediator unknown, on leave or at capacity is
   * refused too (capacity is never overridden). Applied: loads move (leaving mediators −1, arriving
   * +1), the case gets the assignment and `status`, the file is written and its cancelled sessions
   * unbooked, one `case.reassigned` event is emitted.
   */
  reassign(r: DispatcherReassignment): Promise<ReassignCommit>;
}

export interface DispatcherReassignment {
  readonly caseId: string;
  readonly expectedStatus: CaseStatus;
  readonly expectedMediatorIds: readonly string[];
  /** The new assignment (`by: 'dispatcher'`: pinned, the rebalance leaves it alone). */
  readonly assignment: Assignment;
  /** The case's status after the move (a `session_scheduled` case whose session was cancelled is `accepted`). */
  readonly status: CaseStatus;
  readonly lifecycle?: LifecycleReassignment;
  readonly event: ReassignedEventData;
}

/** Why the store refused a reassignment: the case moved on since it was read, or a new mediator cannot take it. */
export type ReassignCommitRefusal = 'unknown_case' | 'changed' | 'unknown_mediator' | 'mediator_unavailable' | 'over_capacity';

export type ReassignCommit =
  | { readonly status: 'ok'; readonly eventId: string }
  | { readonly status: 'refused'; readonly reason: ReassignCommitRefusal; readonly mediatorId?: string };
