import type { Assignment, Case, CaseClass, CaseStatus, Channel, Proposal } from '../../domain';

/** A flag set on a case at intake that listings filter by. */
export type CaseFlag = 'backfilled' | 'overdue_at_import';

/** Filters and paging of a case listing; every filter given must match. */
export interface CaseQuery {
  readonly status?: CaseStatus;
  readonly mediator?: string;
  readonly channel?: Channel;
  /** The case's current class (escalation raises it). */
  readonly class?: CaseClass;
  /** The township id of the dispute. */
  readonly township?: string;
  /** Only cases not closed (not settled, returned to court or withdrawn). @defaultValue false */
  readonly open?: boolean;
  /** Only these cases (the board refetching the cases an event named). */
  readonly ids?: readonly string[];
  /** Intake flags the case must carry (issue 16: `backfilled`, `overdue_at_import`). @defaultValue [] */
  readonly flags?: readonly CaseFlag[];
  /** @defaultValue 100 */
  readonly limit?: number;
  /** @defaultValue 0 */
  readonly offset?: number;
}

/**
 * A case as a board lists it: the case without its explanations, proposal candidates and party
 * refs (their count only).
 */
export type CaseSummary = Omit<Case, 'assignment' | 'proposal' | 'parties'> & {
  readonly parties: number;
  readonly assignment: Pick<Assignment, 'mediatorIds' | 'by' | 'assignedAt'> | null;
  readonly proposal?: Pick<Proposal, 'mediatorIds' | 'expiresAt'>;
};

/** One case of an intake batch, as stored. */
export interface CaseIntakeResult {
  readonly caseId: string;
  /** False when the referral's externalId was already a case. */
  readonly created: boolean;
  /**
   * For a case that existed already: its stored intake document (the referral as taken in), for
   * intake to compare with the one re-posted. Absent for a created case and for an archived or evicted one.
   */
  readonly stored?: Readonly<Record<string, unknown>>;
}

/**
 * Cases of one county: intake, reads and listings. Status changes go through the dispatch and
 * lifecycle stores, which keep their invariants atomic.
 */
export interface CaseRecords {
  /**
   * Creates the cases not known yet, atomically per case, each with a `case.referred` event. Ids in
   * `known` (the ledger holds them: cases retention let go from Redis) are never created again.
   */
  intake(cases: readonly Case[], known?: ReadonlySet<string>): Promise<CaseIntakeResult[]>;
  /** The case, or null when the id is unknown. */
  get(caseId: string): Promise<Case | null>;
  /** Cases by id, in the given order, skipping unknown ids. */
  getMany(ids: readonly string[]): Promise<Case[]>;
  /** Cases matching the query, oldest referral first, with the total before paging. */
  list(q: CaseQuery): Promise<{ total: number; cases: Case[] }>;
  /** Like `list`, as summaries: a county's open cases in one read. */
  listSummaries(q: CaseQuery): Promise<{ total: number; cases: CaseSummary[] }>;
  /** How many cases match the query's filters (paging and `status` aside), per status. */
  countByStatus(q: CaseQuery): Promise<Partial<Record<CaseStatus, number>>>;
}
