import { resolved } from './resolved';
import { WAITING_STATUSES, type Case, type Category, type Mediator, type OutcomeStat, type Seat } from '../../domain';
import type { LoadOutcomeStat } from '../../cost-model/load-success';
import type { Arrival } from '../../cost-model/arrival-forecast';
import { omit } from '../../domain/omit';
import type {
  AssignmentCommit,
  CommitRefusal,
  CommitResult,
  DispatchStore,
  UnassignedMark,
  WaitingQuery,
} from '../../use-cases/dispatch/dispatch-port';

/** Outcome of a mediation, as the memory store records it. */
export interface CaseOutcome {
  /** True when the parties reached an agreement. */
  readonly settled: boolean;
}

/**
 * The in-memory `DispatchStore` for one county: the demo, benchmarks and tests use it. Single
 * process, so each method runs to completion before the next — that is its atomicity. Beyond the
 * interface it offers intake (`addCase`, `upsertMediators`) and closing (`closeCase`), which the
 * simulator drives.
 */
export class MemoryDispatchStore implements DispatchStore {
  private readonly mediators = new Map<string, Mediator>();
  private readonly cases = new Map<string, Case>();
  private readonly load = new Map<string, number>();
  private readonly stats = new Map<string, { mediatorId: string; category: Category; successes: number; attempts: number }>();
  /** Closed seats by the load they were taken at (from the seat's explanation), for load-aware success. */
  private readonly byLoad = new Map<string, { -readonly [K in keyof LoadOutcomeStat]: LoadOutcomeStat[K] }>();

  constructor(mediators: readonly Mediator[] = []) {
    this.upsertMediators(mediators);
  }

  upsertMediators(mediators: readonly Mediator[]): void {
    for (const m of mediators) this.mediators.set(m.id, m);
  }

  /** Adds a case; returns false (and changes nothing) when the id is already known. */
  addCase(c: Case): boolean {
    if (this.cases.has(c.id)) return false;
    this.cases.set(c.id, c);
    return true;
  }

  getCase(id: string): Case | undefined {
    return this.cases.get(id);
  }

  allCases(): readonly Case[] {
    return [...this.cases.values()];
  }

  /**
   * Closes an assigned case: releases its seats' load and records the outcome for each seat's
   * mediator. Returns false when the case is not `assigned`.
   */
  closeCase(caseId: string, outcome: CaseOutcome): boolean {
    const c = this.cases.get(caseId);
    if (!c || c.status !== 'assigned' || !c.assignment) return false;
    for (const mediatorId of c.assignment.mediatorIds) {
      this.load.set(mediatorId, Math.max(0, (this.load.get(mediatorId) ?? 0) - 1));
      const key = `${mediatorId}\u0000${c.category}`;
      const s = this.stats.get(key) ?? { mediatorId, category: c.category, successes: 0, attempts: 0 };
      s.attempts += 1;
      if (outcome.settled) s.successes += 1;
      this.stats.set(key, s);
    }
    for (const seat of c.assignment.seats) this.recordLoadOutcome(seat, c.category, outcome.settled);
    this.cases.set(caseId, { ...c, status: outcome.settled ? 'settled' : 'attempt_failed' });
    return true;
  }

  /** A seat priced by the optimizer knows the load it was taken at; a seat without an explanation is not counted. */
  private recordLoadOutcome(seat: Seat, category: Category, settled: boolean): void {
    const facts = seat.explanation?.chosen.facts;
    if (!facts) return;
    const key = `${seat.mediatorId}\u0000${category}\u0000${facts.load}\u0000${facts.capacity}`;
    const s = this.byLoad.get(key) ?? {
      mediatorId: seat.mediatorId,
      category,
      openWith: facts.load + 1,
      capacity: facts.capacity,
      successes: 0,
      attempts: 0,
    };
    s.attempts += 1;
    if (settled) s.successes += 1;
    this.byLoad.set(key, s);
  }

  /** Referrals since a moment (every case the store holds): the arrival history of the forecast of kept seats. */
  arrivals(since: Date): Promise<readonly Arrival[]> {
    const from = since.getTime();
    return Promise.resolve(
      [...this.cases.values()].map((c) => ({ at: Date.parse(c.referredAt), class: c.class })).filter((a) => a.at >= from),
    );
  }

  loadOutcomeStats(): Promise<readonly LoadOutcomeStat[]> {
    return Promise.resolve([...this.byLoad.values()].map((s) => ({ ...s })));
  }

  listMediators(): Promise<readonly Mediator[]> {
    return Promise.resolve([...this.mediators.values()]);
  }

  loads(): Promise<ReadonlyMap<string, number>> {
    return Promise.resolve(new Map(this.load));
  }

  waitingCases(query: WaitingQuery = {}): Promise<readonly Case[]> {
    return resolved(() => {
      const pool = query.ids ? query.ids.map((id) => this.cases.get(id)).filter((c): c is Case => !!c) : [...this.cases.values()];
      const waiting = pool
        .filter((c) => WAITING_STATUSES.includes(c.status))
        .sort((a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt) || (a.id < b.id ? -1 : 1));
      return query.limit !== undefined ? waiting.slice(0, query.limit) : waiting;
    });
  }

  outcomeStats(): Promise<readonly OutcomeStat[]> {
    return Promise.resolve([...this.stats.values()].map((s) => ({ ...s })));
  }

  commitAssignments(batch: readonly AssignmentCommit[]): Promise<CommitResult> {
    return resolved(() => {
      const committed: string[] = [];
      const refused: CommitRefusal[] = [];
      for (const entry of batch) {
        const refusal = this.checkCommit(entry);
        if (refusal) {
          refused.push(refusal);
          continue;
        }
        for (const id of entry.assignment.mediatorIds) this.load.set(id, (this.load.get(id) ?? 0) + 1);
        const c = this.cases.get(entry.caseId);
        // `checkCommit` found the case just before, in the same synchronous step.
        if (!c) throw new Error(`memory dispatch store: case ${entry.caseId} vanished during the commit`);
        this.cases.set(c.id, { ...omit(c, 'unassignedReason'), status: 'assigned', assignment: entry.assignment });
        committed.push(c.id);
      }
      return { committed, refused };
    });
  }

  private checkCommit({ caseId, assignment }: AssignmentCommit): CommitRefusal | null {
    const c = this.cases.get(caseId);
    if (!c) return { caseId, reason: 'unknown_case' };
    if (!WAITING_STATUSES.includes(c.status)) return { caseId, reason: 'already_assigned' };
    const seen = new Set<string>();
    for (const mediatorId of assignment.mediatorIds) {
      const m = this.mediators.get(mediatorId);
      if (!m) return { caseId, reason: 'unknown_mediator', mediatorId };
      if (m.status === 'on_leave') return { caseId, reason: 'mediator_unavailable', mediatorId };
      if (seen.has(mediatorId)) return { caseId, reason: 'duplicate_mediator', mediatorId };
      seen.add(mediatorId);
      if ((this.load.get(mediatorId) ?? 0) + 1 > m.capacity) return { caseId, reason: 'over_capacity', mediatorId };
    }
    return null;
  }

  markUnassigned(batch: readonly UnassignedMark[]): Promise<void> {
    return resolved(() => {
      for (const { caseId, reason } of batch) {
        const c = this.cases.get(caseId);
        if (!c || !WAITING_STATUSES.includes(c.status)) continue;
        this.cases.set(caseId, { ...c, status: 'unassigned', unassignedReason: reason });
      }
    });
  }
}
