import { z } from 'zod';
import { CandidateCostSchema, SeatRoleSchema, type Case, type CandidateCost, type Mediator, type OutcomeStat, type Seat } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import { indexCounty } from '../../domain/config/county-index';
import { arcTerms, buildDispatchProblem, historyPredictor, sumTerms, type DispatchProblem } from '../../cost-model/build-problem';
import { loadCostSchedule } from '../../cost-model/terms';
import { coverageOf, seatEligibility, seatsFor, type Exclusion } from '../../cost-model/eligibility';
import { makeExplainer } from '../../cost-model/explain';

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

/** Per configuration, the indexes eligibility needs: built once, not per request. */
const contexts = new WeakMap<DispatchConfig, { county: ReturnType<typeof indexCounty>; coverage: Map<string, Set<string>> }>();
function staticContext(config: DispatchConfig) {
  let ctx = contexts.get(config);
  if (!ctx) contexts.set(config, (ctx = { county: indexCounty(config.county), coverage: coverageOf(config.organizations.organizations) }));
  return ctx;
}

/** Keeps the k cheapest, by total then mediator id (the order of the optimizer's tie-break). */
function insertTopK(top: CandidateCost[], c: CandidateCost, k: number): void {
  const before = (a: CandidateCost, b: CandidateCost) => a.total < b.total || (a.total === b.total && a.mediatorId < b.mediatorId);
  if (top.length === k && !before(c, top[k - 1]!)) return;
  let i = top.length;
  while (i > 0 && before(c, top[i - 1]!)) i--;
  top.splice(i, 0, c);
  if (top.length > k) top.pop();
}

/**
 * The k cheapest eligible mediators per seat, priced exactly as the dispatch problem prices them
 * (same hard rules, `arcTerms`, and first-unit load cost), without building the whole problem:
 * about 1.5 ms of CPU for a county, most of it fitting the success model to the outcome history.
 * Nothing is written.
 */
export function rankCandidates(c: Case, snap: Snapshot, config: DispatchConfig, k: number, now = new Date()): CandidatesReply {
  const ctx = { rules: config.tierRules, ...staticContext(config), loads: snap.loads, now };
  const predict = historyPredictor(snap.outcomes, config, snap.mediators);
  const input = { config, now, loads: snap.loads };
  const seats: CandidatesReply['seats'] = [];
  for (const seat of seatsFor(c, config.tierRules)) {
    const top: CandidateCost[] = [];
    const excluded = new Map<string, number>();
    let eligible = 0;
    for (const m of snap.mediators) {
      const e = seatEligibility(m, c, seat, ctx);
      if (!e.eligible) {
        if (e.exclusion) excluded.set(e.exclusion, (excluded.get(e.exclusion) ?? 0) + 1);
        continue;
      }
      eligible++;
      const { terms, facts } = arcTerms(m, c, e.overflow, input, predict);
      const arcCost = sumTerms(terms);
      const loadCost = loadCostSchedule(snap.loads.get(m.id) ?? 0, m.capacity, config.weights)[0] ?? 0;
      insertTopK(top, { mediatorId: m.id, arcCost, loadCost, total: arcCost + loadCost, terms, facts }, k);
    }
    if (eligible === 0) {
      const onlyFull = excluded.size === 1 && excluded.has('at_capacity');
      const detail = excluded.size === 0 ? `seat ${seat.role}: no mediator of the required tier covers this case` : `seat ${seat.role}: ` + [...excluded].map(([why, n]) => `${n} ${why.replace(/_/g, ' ')}`).join(', ');
      return { caseId: c.id, seats: [], excluded: { reason: onlyFull ? 'capacity' : 'no_eligible_mediator', detail } };
    }
    seats.push({ role: seat.role, candidates: top });
  }
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
  const ctx = { rules: config.tierRules, ...staticContext(config), loads: snap.loads, now };
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
