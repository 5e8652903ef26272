import { z } from 'zod';
import { CandidateCostSchema, SeatRoleSchema, type Case, type Seat } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import { buildDispatchProblem, describeExclusions, type DispatchProblem, type StoreSnapshot } from '../../cost-model/build-problem';
import { checkAssignment, rankSeatCandidates, type RuleViolation } from '../../cost-model/candidates';
import { seatsFor, type Exclusion } from '../../cost-model/eligibility';
import { makeExplainer } from '../../cost-model/explain';

export const CandidatesReplySchema = z
  .object({
    caseId: z.string(),
    seats: z.array(z.object({ role: SeatRoleSchema, candidates: z.array(CandidateCostSchema) })),
    /** Set when some seat has nobody eligible (then `seats` is empty). */
    excluded: z.object({ reason: z.string(), detail: z.string() }).nullable(),
  })
  .meta({ id: 'Candidates' });
export type CandidatesReply = z.infer<typeof CandidatesReplySchema>;

function problemFor(c: Case, snap: StoreSnapshot, config: DispatchConfig, now: Date): DispatchProblem {
  // The case as if waiting: candidates and pins are asked about cases in any state.
  const waiting: Case = { ...c, status: 'referred', assignment: null };
  return buildDispatchProblem({ cases: [waiting], mediators: snap.mediators, loads: snap.loads, outcomes: snap.outcomes, config, now });
}

/**
 * The k cheapest eligible mediators per seat (the cost model's ranking) as the API's reply: when
 * some seat has nobody, the case is excluded with the dispatch problem's reason. Nothing is written.
 */
export function rankCandidates(c: Case, snap: StoreSnapshot, config: DispatchConfig, k: number, now = new Date()): CandidatesReply {
  const seats = rankSeatCandidates(c, { ...snap, config, now }, k);
  const empty = seats.find((s) => s.candidates.length === 0);
  if (empty) {
    const counts = new Map(Object.entries(empty.excluded) as [Exclusion, number][]);
    const onlyFull = counts.size === 1 && counts.has('at_capacity');
    return {
      caseId: c.id,
      seats: [],
      excluded: { reason: onlyFull ? 'capacity' : 'no_eligible_mediator', detail: describeExclusions(empty.role, counts) },
    };
  }
  return { caseId: c.id, seats: seats.map((s) => ({ role: s.role, candidates: [...s.candidates] })), excluded: null };
}

/**
 * Checks a dispatcher's choice against the hard rules (the cost model's check) and builds the
 * seats with cost and explanation where the cost model knows the pair.
 */
export function checkPin(
  c: Case,
  mediatorIds: readonly string[],
  snap: StoreSnapshot,
  config: DispatchConfig,
  now = new Date(),
): { violations: RuleViolation[]; seats: Seat[] } {
  const violations = checkAssignment(c, mediatorIds, { ...snap, config, now });
  const known = new Set(snap.mediators.map((m) => m.id));
  const dp = problemFor(c, snap, config, now);
  const explain = makeExplainer(dp, { category: c.category, alternatives: config.weights.alternatives });
  const seats: Seat[] = [];
  seatsFor(c, config.tierRules).forEach((seat, i) => {
    const id = mediatorIds[i];
    if (id === undefined || !known.has(id)) return;
    const arc = dp.candidates.findIndex((a) => a.mediator.id === id && dp.tasks[a.task]?.role === seat.role);
    if (arc >= 0) {
      const explanation = explain(arc);
      seats.push({ role: seat.role, mediatorId: id, cost: explanation.chosen.total, explanation });
    } else {
      seats.push({ role: seat.role, mediatorId: id, cost: 0 });
    }
  });
  return { violations, seats };
}
