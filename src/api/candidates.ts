import { z } from 'zod';
import { CandidateCostSchema, SeatRoleSchema, type Case, type CandidateCost, type Mediator, type OutcomeStat, type Seat } from '../domain';
import type { DispatchConfig } from '../config/load';
import { indexCounty } from '../config/county-index';
import { buildDispatchProblem, type DispatchProblem } from '../optimizer/cost-model/build-problem';
import { coverageOf, seatEligibility, seatsFor, type Exclusion } from '../optimizer/cost-model/eligibility';
import { makeExplainer } from '../optimizer/explain';

/** What the cost model needs from the store about a county, read once per request. */
export interface Snapshot {
  readonly mediators: readonly Mediator[];
  readonly loads: ReadonlyMap<string, number>;
  readonly outcomes: readonly OutcomeStat[];
}

export const CandidatesReplySchema = z
  .object({
    caseId: z.string(),
    seats: z.array(z.object({ role: SeatRoleSchema, candidates: z.array(CandidateCostSchema) })),
    /** Set when some seat has nobody eligible (then `seats` is empty). */
    excluded: z.object({ reason: z.string(), detail: z.string() }).nullable(),
  })
  .meta({ id: 'Candidates' });
export type CandidatesReply = z.infer<typeof CandidatesReplySchema>;

function problemFor(c: Case, snap: Snapshot, config: DispatchConfig, now: Date): DispatchProblem {
  // The case as if waiting: candidates and pins are asked about cases in any state.
  const waiting: Case = { ...c, status: 'referred', assignment: null };
  return buildDispatchProblem({ cases: [waiting], mediators: snap.mediators, loads: snap.loads, outcomes: snap.outcomes, config, now });
}

function costOf(dp: DispatchProblem, arc: number): CandidateCost {
  const a = dp.candidates[arc]!;
  const loadCost = dp.loadCosts.get(a.mediator.id)?.[0] ?? 0;
  return { mediatorId: a.mediator.id, arcCost: a.cost, loadCost, total: a.cost + loadCost, terms: { ...a.terms }, facts: { ...a.facts } };
}

/** The k cheapest eligible mediators per seat, by the same costs the optimizer uses; nothing is written. */
export function rankCandidates(c: Case, snap: Snapshot, config: DispatchConfig, k: number, now = new Date()): CandidatesReply {
  const dp = problemFor(c, snap, config, now);
  const excluded = dp.excluded[0];
  if (excluded) return { caseId: c.id, seats: [], excluded: { reason: excluded.reason, detail: excluded.detail } };
  const seats = dp.tasks.map((t, task) => {
    const candidates: CandidateCost[] = [];
    dp.candidates.forEach((a, i) => {
      if (a.task === task) candidates.push(costOf(dp, i));
    });
    candidates.sort((a, b) => a.total - b.total || (a.mediatorId < b.mediatorId ? -1 : 1));
    return { role: t.role, candidates: candidates.slice(0, k) };
  });
  return { caseId: c.id, seats, excluded: null };
}

/** A seat of a manual pin that breaks a hard rule. */
export interface PinViolation {
  readonly role: string;
  readonly mediatorId: string;
  /** The rule (`recused`, `on_leave`, …) or `not_in_pool` (wrong tier/organisation/township). */
  readonly rule: Exclusion | 'not_in_pool' | 'unknown_mediator' | 'seat_count';
}

/**
 * Checks a dispatcher's choice against the hard rules, seat by seat (mediatorIds in seat order),
 * and builds the seats with cost and explanation where the cost model knows the pair.
 */
export function checkPin(
  c: Case,
  mediatorIds: readonly string[],
  snap: Snapshot,
  config: DispatchConfig,
  now = new Date(),
): { violations: PinViolation[]; seats: Seat[] } {
  const rules = seatsFor(c, config.tierRules);
  const violations: PinViolation[] = [];
  if (rules.length !== mediatorIds.length) {
    violations.push({ role: rules.map((r) => r.role).join('+'), mediatorId: mediatorIds.join('+'), rule: 'seat_count' });
  }
  const byId = new Map(snap.mediators.map((m) => [m.id, m]));
  const ctx = {
    rules: config.tierRules,
    county: indexCounty(config.county),
    coverage: coverageOf(config.organizations.organizations),
    loads: snap.loads,
    now,
  };
  const dp = problemFor(c, snap, config, now);
  const explain = makeExplainer(dp, { category: c.category, alternatives: config.weights.alternatives });
  const seats: Seat[] = [];
  rules.forEach((seat, i) => {
    const id = mediatorIds[i];
    if (id === undefined) return;
    const m = byId.get(id);
    if (!m) return void violations.push({ role: seat.role, mediatorId: id, rule: 'unknown_mediator' });
    const e = seatEligibility(m, c, seat, ctx);
    if (!e.eligible) violations.push({ role: seat.role, mediatorId: id, rule: e.exclusion ?? 'not_in_pool' });
    const arc = dp.candidates.findIndex((a) => a.mediator.id === id && dp.tasks[a.task]!.role === seat.role);
    if (arc >= 0) {
      const explanation = explain(arc);
      seats.push({ role: seat.role, mediatorId: id, cost: explanation.chosen.total, explanation });
    } else {
      seats.push({ role: seat.role, mediatorId: id, cost: 0 });
    }
  });
  return { violations, seats };
}
