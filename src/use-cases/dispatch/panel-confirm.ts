import type { Assignment, Case, PanelPlan, SeatRole } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import { ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../domain/errors';
import type { CaseRecords } from '../cases/case-records';
import { checkPin } from '../candidates/rank-candidates';
import type { DispatchStore } from './dispatch-port';
import { readSnapshot } from './read-snapshot';

/** A dispatcher's change to a proposed panel: who takes the seat of this role instead. */
export interface PanelSwap {
  readonly role: SeatRole;
  readonly mediatorId: string;
}

export interface PanelConfirmation {
  /** Seats to give to someone else before confirming. @defaultValue [] */
  readonly swaps?: readonly PanelSwap[];
  /** Who fills the liaison role (a court or bar reference). @defaultValue not recorded */
  readonly liaisonRef?: string;
  /** The dispatcher's label (stored on the plan, audited by the route). */
  readonly by: string;
  /** @defaultValue new Date() */
  readonly now?: Date;
}

export interface PanelConfirmDeps {
  readonly dispatch: DispatchStore;
  readonly records: CaseRecords;
  readonly config: DispatchConfig;
}

/** The open proposal of a planned major case; 404 without the case, 409 when there is nothing to confirm. */
async function proposedPanel(records: CaseRecords, caseId: string): Promise<Case & { proposal: NonNullable<Case['proposal']> }> {
  const c = await records.get(caseId);
  if (!c) throw new NotFoundError('case', caseId);
  if (c.status !== 'proposed' || !c.proposal?.panel) {
    throw new ConflictError(`case ${caseId} has no open panel proposal (status ${c.status})`, { status: c.status });
  }
  return { ...c, proposal: c.proposal };
}

/** Swaps that name a seat the plan has, once each, and a mediator not already elsewhere on the panel. */
function swapIssues(plan: PanelPlan, swaps: readonly PanelSwap[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<SeatRole>();
  swaps.forEach((s, i) => {
    if (!plan.seats.includes(s.role))
      issues.push({ field: `body.swaps[${i}].role`, reason: `the panel has no ${s.role} seat (${plan.seats.join(', ')})` });
    else if (seen.has(s.role)) issues.push({ field: `body.swaps[${i}].role`, reason: `seat ${s.role} is swapped twice` });
    seen.add(s.role);
  });
  return issues;
}

/**
 * A dispatcher confirms a major case's proposed panel (issue 17, convening), after swapping any
 * members: each swap names a seat of the plan (400 otherwise); the resulting panel must pass the
 * hard rules seat by seat, capacity included, with the cost model's own check (409 with the
 * violations, as a pin answers), and is committed through dispatch's commit — capacity checked
 * again atomically, `case.proposal_confirmed` then `case.assigned` by `dispatcher`. The plan is
 * stored with the assignment, marked confirmed with the swaps and the liaison's reference.
 */
export async function confirmPanel(deps: PanelConfirmDeps, caseId: string, input: PanelConfirmation): Promise<Case> {
  const now = input.now ?? new Date();
  const swaps = input.swaps ?? [];
  const c = await proposedPanel(deps.records, caseId);
  const proposal = c.proposal;
  const plan = proposal.panel as PanelPlan;
  const issues = swapIssues(plan, swaps);
  if (issues.length > 0) throw new ValidationError(issues);
  const swapOf = new Map(swaps.map((s) => [s.role, s.mediatorId]));
  const mediatorIds = proposal.seats.map((s) => swapOf.get(s.role) ?? s.mediatorId);
  const snap = await readSnapshot(deps.dispatch);
  const known = new Set(snap.mediators.map((m) => m.id));
  const unknown = swaps.findIndex((s) => !known.has(s.mediatorId));
  if (unknown >= 0) throw new ValidationError([{ field: `body.swaps[${unknown}].mediatorId`, reason: 'no such mediator in this county' }]);
  const { violations, seats } = checkPin(c, mediatorIds, snap, deps.config, now);
  if (violations.length > 0) throw new ConflictError('the panel breaks the hard rules or a member is full', { violations });
  const changed = proposal.seats.flatMap((s, i) =>
    mediatorIds[i] !== s.mediatorId ? [{ role: s.role, from: s.mediatorId, to: mediatorIds[i] as string }] : [],
  );
  // Seats nobody swapped keep the explanation the optimizer gave when it proposed them.
  const kept = seats.map((s, i) => (changed.some((x) => x.role === s.role) ? s : (proposal.seats[i] ?? s)));
  const confirmed = { at: now.toISOString(), by: input.by, swaps: changed, ...(input.liaisonRef ? { liaisonRef: input.liaisonRef } : {}) };
  const assignment: Assignment = {
    mediatorIds,
    seats: kept,
    cost: kept.reduce((a, s) => a + s.cost, 0),
    assignedAt: now.toISOString(),
    by: 'dispatcher',
    panel: { ...plan, confirmed },
  };
  const result = await deps.dispatch.commitAssignments([{ caseId, assignment, lead: 'case.proposal_confirmed' }]);
  const refusal = result.refused[0];
  if (refusal) throw new ConflictError(`the store refused the panel: ${refusal.reason}`, refusal);
  const after = await deps.records.get(caseId);
  if (!after) throw new NotFoundError('case', caseId);
  return after;
}
