import type { Case, CaseStatus, Channel } from '../../domain';

/** Filters and paging of a case listing; every filter given must match. */
export interface CaseQuery {
  readonly status?: CaseStatus;
  readonly mediator?: string;
  readonly channel?: Channel;
  /** @defaultValue 100 */
  readonly limit?: number;
  /** @defaultValue 0 */
  readonly offset?: number;
}

/** One case of an intake batch, as stored. */
export interface CaseIntakeResult {
  readonly caseId: string;
  /** False when the referral's externalId was already a case. */
  readonly created: boolean;
}

/**
 * Cases of one county: intake, reads and listings. Status changes go through the dispatch and
 * lifecycle stores, which keep their invariants atomic.
 */
export interface CaseRecords {
  /** Creates the cases not known yet, atomically per case, each with a `case.referred` event. */
  intake(cases: readonly Case[]): Promise<CaseIntakeResult[]>;
  /** The case, or null when the id is unknown. */
  get(caseId: string): Promise<Case | null>;
  /** Cases by id, in the given order, skipping unknown ids. */
  getMany(ids: readonly string[]): Promise<Case[]>;
  /** Cases matching the query, oldest referral first, with the total before paging. */
  list(q: CaseQuery): Promise<{ total: number; cases: Case[] }>;
}
