import type { Assignment, Case, CaseStatus } from '../../domain';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { Session } from '../../domain/session';
import type { RebalanceSnapshot } from '../../planning/rebalance/build-model';
import type { MoveReason } from '../../planning/rebalance/plan';

/**
 * What the rebalance use case needs from storage, for one county, beyond `DispatchStore`: the
 * open caseload, an atomic apply of reassignments, and the county lock. Implemented in memory
 * (`MemoryRebalanceStore`) and on Redis (`RedisRebalanceStore`).
 */
export interface RebalanceStore {
  readonly county: string;
  /** Open cases with an assignment (any lifecycle status), mediators, loads and outcome history. */
  snapshot(): Promise<RebalanceSnapshot>;
  /**
   * What the lifecycle holds of each case, read just before an apply so the use case can keep
   * the case files in step with the moves: the stored file with its stored version, or the case
   * record where the lifecycle has stored no file yet. A case known to neither is left out.
   */
  lifecycleFiles(caseIds: readonly string[]): Promise<ReadonlyMap<string, StoredLifecycle>>;
  /**
   * Applies reassignments, all at once with respect to every other writer. Each case is all or
   * nothing: refused, with nothing of it written, when it is unknown, no longer has the status
   * and mediators it had in the snapshot, is pinned, or when a new mediator is unknown, on leave
   * or would go over capacity (counting the other moves of the batch, so a chain of moves that
   * frees room first succeeds). An applied case gets its new assignment, loads move with it, and
   * one `case.reassigned` event (from/to mediators) is emitted per case. Only inside `withLock`,
   * and only while the lock is still held: otherwise every case is refused with `lock_lost`.
   */
  applyReassignments(batch: readonly CaseReassignment[], meta: ApplyMeta): Promise<ApplyResult>;
  /** Is a run holding the county's lock (an apply under way)? */
  isLocked(): Promise<boolean>;
  /**
   * Runs `fn` holding the county's rebalance lock (kept alive for as long as `fn` runs);
   * `{acquired: false}` when another run holds it. Live dispatch of the county waits meanwhile.
   */
  withLock<T>(fn: () => Promise<T>): Promise<{ readonly acquired: true; readonly value: T } | { readonly acquired: false }>;
}

export interface SeatReassignment {
  readonly role: string;
  readonly from: string;
  readonly to: string;
  readonly reason: MoveReason;
}

export interface CaseReassignment {
  readonly caseId: string;
  /** Status and mediators as in the snapshot: the apply refuses the case if either changed. */
  readonly expectedStatus: CaseStatus;
  readonly expectedMediatorIds: readonly string[];
  /** The assignment after the moves. */
  readonly assignment: Assignment;
  readonly moves: readonly SeatReassignment[];
  /** The case file after the moves, written with the assignment; absent when there is none to keep in step. */
  readonly lifecycle?: LifecycleReassignment;
}

/** A case's lifecycle state as stored: its file (with the stored version), or only the case record. */
export type StoredLifecycle =
  { readonly kind: 'file'; readonly file: CaseFile; readonly version: number } | { readonly kind: 'case'; readonly case: Case };

/** A case file's write inside the apply. */
export interface LifecycleReassignment {
  /**
   * Version the stored file must still have, else the case is refused as `changed`; −1 = no file
   * may be stored yet (the file was opened from the case record).
   */
  readonly expectedVersion: number;
  /** The file after the moves (its `version` is the one written). */
  readonly file: CaseFile;
  /** Sessions the moves cancelled: taken off the calendars and the session records. */
  readonly cancelledSessions: readonly Session[];
}

export interface ApplyMeta {
  /** Id of the rebalance run, carried by the events. */
  readonly runId: string;
  readonly at: Date;
}

/** Why a case was not reassigned; `lock_lost`: the apply ran without holding the county lock (every case refused). */
export type ReassignRefusalReason =
  'unknown_case' | 'changed' | 'pinned' | 'unknown_mediator' | 'mediator_unavailable' | 'over_capacity' | 'lock_lost';

export interface ApplyResult {
  /** Case ids reassigned. */
  readonly applied: readonly string[];
  readonly refused: readonly { readonly caseId: string; readonly reason: ReassignRefusalReason; readonly mediatorId?: string }[];
}

/** Data of a `case.reassigned` event: ids only (and a dispatcher's label and reason). */
export interface ReassignedEventData {
  readonly caseId: string;
  readonly at: string;
  /** The rebalance run; absent when a dispatcher moved the case. */
  readonly runId?: string;
  /** `dispatcher` when a dispatcher moved the case (the rebalance's events carry a `runId` instead). */
  readonly by?: 'dispatcher';
  /** The dispatcher's API key label. */
  readonly actor?: string;
  /** The dispatcher's reason. */
  readonly reason?: string;
  /** Mediators before and after, in seat order. */
  readonly fromMediatorIds: readonly string[];
  readonly mediatorIds: readonly string[];
  /** The seats that moved; `reason` is a rebalance's MoveReason, or `dispatcher`. */
  readonly moves: readonly (Omit<SeatReassignment, 'reason'> & { readonly reason: SeatReassignment['reason'] | 'dispatcher' })[];
}
