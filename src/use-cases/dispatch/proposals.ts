import type { Assignment, Case, Proposal } from '../../domain';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { CaseRecords } from '../cases/case-records';
import type { DispatchStore } from './dispatch-port';
import type { ProposalStore } from './proposal-port';

/** The assignment a proposal becomes when committed. */
function assignmentOf(p: Proposal, by: Assignment['by'], now: Date): Assignment {
  const panel = p.panel ? { panel: p.panel } : {};
  return { mediatorIds: [...p.mediatorIds], seats: [...p.seats], cost: p.cost, assignedAt: now.toISOString(), by, ...panel };
}

/**
 * A dispatcher confirms a case's proposal: it is committed as proposed (capacity checked again:
 * a proposal holds no load), with `case.proposal_confirmed` then `case.assigned`. 409 when the
 * case has no open proposal (a pin, another confirmation or the timeout decided first) or a seat
 * is no longer available — then the dispatcher picks another with a pin.
 */
export async function confirmProposal(store: DispatchStore, records: CaseRecords, caseId: string, now = new Date()): Promise<Case> {
  const c = await records.get(caseId);
  if (!c) throw new NotFoundError('case', caseId);
  if (c.status !== 'proposed' || !c.proposal) {
    throw new ConflictError(`case ${caseId} has no open proposal (status ${c.status})`, { status: c.status });
  }
  const result = await store.commitAssignments([
    { caseId, assignment: assignmentOf(c.proposal, 'dispatcher', now), lead: 'case.proposal_confirmed' },
  ]);
  const refusal = result.refused[0];
  if (refusal) throw new ConflictError(`the store refused the proposal: ${refusal.reason}`, refusal);
  const after = await records.get(caseId);
  if (!after) throw new NotFoundError('case', caseId);
  return after;
}

export interface ProposalExpiryReport {
  /** Committed as proposed, by the optimizer. */
  readonly assigned: readonly string[];
  /** Could not be committed (a seat filled meanwhile): back to waiting, dispatched as `auto` next. */
  readonly released: readonly string[];
}

/** Expired proposals handled in one run, at most; the rest wait for the next run. @defaultValue 500 */
const EXPIRY_BATCH = 500;

/**
 * Proposals nobody decided on in time go back to `auto` so nothing stalls: each is committed as
 * proposed, by the optimizer, with `case.proposal_expired` then `case.assigned`; one that no longer
 * fits (a seat filled up) goes back to waiting for the next dispatch.
 */
export async function expireProposals(
  store: DispatchStore,
  proposals: ProposalStore,
  now = new Date(),
  limit = EXPIRY_BATCH,
): Promise<ProposalExpiryReport> {
  const due = await proposals.dueProposals(now, limit);
  const batch = due.flatMap((c) =>
    c.proposal ? [{ caseId: c.id, assignment: assignmentOf(c.proposal, 'optimizer', now), lead: 'case.proposal_expired' as const }] : [],
  );
  const result = await store.commitAssignments(batch);
  const released: string[] = [];
  for (const r of result.refused) {
    if (r.reason !== 'already_assigned' && (await proposals.release(r.caseId))) released.push(r.caseId);
  }
  return { assigned: result.committed, released };
}

/** The events an expiry run raised, counted by type (as the clock's report counts its own). */
export function expiryCounts(r: ProposalExpiryReport): Record<string, number> {
  const counts: Record<string, number> = {};
  if (r.assigned.length > 0) counts['case.proposal_expired'] = counts['case.assigned'] = r.assigned.length;
  if (r.released.length > 0) counts['case.unassigned'] = r.released.length;
  return counts;
}
