import type { CandidateCost, Case, SeatRole } from '../domain';
import { arcTerms, predictionFor, sumTerms, type CostModelInput } from './build-problem';
import { problemPressure } from './seat-pressure';
import { eligibilityContext, seatEligibility, seatsFor, type Exclusion } from './eligibility';
import { loadCostSchedule } from './terms';
import { itemAt } from '../domain/indexed-access';

/** One seat's ranked candidates, for a dispatcher choosing by hand. */
export interface SeatCandidates {
  readonly role: SeatRole;
  /** Eligible mediators, cheapest total (arc + marginal load) first; empty when nobody is eligible. */
  readonly candidates: readonly CandidateCost[];
  /** Mediators of the seat's pools kept out by a hard rule, counted by rule. */
  readonly excluded: Readonly<Partial<Record<Exclusion, number>>>;
}

/** Keeps the k cheapest, by total then mediator id (the order of the optimizer's tie-break). */
function insertTopK(top: CandidateCost[], c: CandidateCost, k: number): void {
  const before = (a: CandidateCost, b: CandidateCost) => a.total < b.total || (a.total === b.total && a.mediatorId < b.mediatorId);
  if (top.length === k && !before(c, itemAt(top, k - 1))) return;
  let i = top.length;
  while (i > 0 && before(c, itemAt(top, i - 1))) i--;
  top.splice(i, 0, c);
  if (top.length > k) top.pop();
}

/**
 * The top `k` mediators for each seat of one case, priced exactly as the dispatch problem prices
 * them (same hard rules, `arcTerms`, and first-unit load cost) without building the whole problem:
 * about 1.5 ms of CPU for a county, most of it fitting the success model to the outcome history.
 * Nothing is solved or committed.
 */
export function rankSeatCandidates(
  c: Case,
  input: Omit<CostModelInput, 'cases'>,
  k: number,
  /** Mediators listed even below the top k (the case's current ones), after the top k. @defaultValue none */
  keep: ReadonlySet<string> = new Set(),
): SeatCandidates[] {
  const { config, loads } = input;
  const ctx = eligibilityContext(config, loads, input.now);
  const { predict, shift } = predictionFor({ ...input, cases: [] });
  // Seat pressure and the last ring as a dispatch of this case alone would see them.
  const { weightsOf: pressured, beyondOpenRing } = problemPressure({ ...input, cases: [c] });
  return seatsFor(c, config.tierRules).map((seat) => {
    const top: CandidateCost[] = [];
    const kept: CandidateCost[] = [];
    const excluded: Partial<Record<Exclusion, number>> = {};
    for (const m of input.mediators) {
      const e = seatEligibility(m, c, seat, ctx);
      if (beyondOpenRing(e, c)) continue;
      if (!e.eligible) {
        if (e.exclusion) excluded[e.exclusion] = (excluded[e.exclusion] ?? 0) + 1;
        continue;
      }
      const { terms, facts } = arcTerms(m, c, e.overflow, input, predict, shift, pressured(m));
      const arcCost = sumTerms(terms);
      const loadCost =
        loadCostSchedule(loads.get(m.id) ?? 0, m.capacity, { load: { ...config.weights.load, weight: pressured(m).balance } }, 1)[0] ?? 0;
      const cand = { mediatorId: m.id, arcCost, loadCost, total: arcCost + loadCost, terms, facts };
      insertTopK(top, cand, k);
      if (keep.has(m.id)) kept.push(cand);
    }
    // A kept mediator ranked below the top k (e.g. full, so predicted success fell) still shows, last.
    return { role: seat.role, candidates: [...top, ...kept.filter((x) => !top.includes(x))], excluded };
  });
}

/** A seat of a proposed (manual) assignment that breaks a hard rule. */
export interface RuleViolation {
  /** The seat's role; for `seat_count`, every role of the case joined by `+`. */
  readonly role: string;
  /** For `seat_count`, every proposed id joined by `+`. */
  readonly mediatorId: string;
  /** The rule (`recused`, `on_leave`, …) or `not_in_pool` (wrong tier/organisation/township). */
  readonly rule: Exclusion | 'not_in_pool' | 'unknown_mediator' | 'duplicate_mediator' | 'seat_count';
}

/**
 * Checks a dispatcher's choice against the hard rules, seat by seat: mediator ids in seat order
 * (one, or lead then expert for a major case). Returns every violation; empty means the choice is
 * allowed.
 */
export function checkAssignment(
  c: Case,
  mediatorIds: readonly string[],
  input: Pick<CostModelInput, 'mediators' | 'loads' | 'config' | 'now'>,
): RuleViolation[] {
  const seats = seatsFor(c, input.config.tierRules);
  const violations: RuleViolation[] = [];
  if (seats.length !== mediatorIds.length) {
    violations.push({ role: seats.map((s) => s.role).join('+'), mediatorId: mediatorIds.join('+'), rule: 'seat_count' });
  }
  const ctx = eligibilityContext(input.config, input.loads, input.now);
  const byId = new Map(input.mediators.map((m) => [m.id, m]));
  seats.forEach((seat, i) => {
    const id = mediatorIds[i];
    if (id === undefined) return;
    const m = byId.get(id);
    if (!m) return void violations.push({ role: seat.role, mediatorId: id, rule: 'unknown_mediator' });
    if (mediatorIds.indexOf(id) !== i) return void violations.push({ role: seat.role, mediatorId: id, rule: 'duplicate_mediator' });
    const e = seatEligibility(m, c, seat, ctx);
    if (!e.eligible) violations.push({ role: seat.role, mediatorId: id, rule: e.exclusion ?? 'not_in_pool' });
  });
  return violations;
}
