import type { CandidateCost, Case, SeatRole } from '../domain';
import { indexCounty } from '../domain/config/county-index';
import { buildDispatchProblem, type CostModelInput } from './build-problem';
import { coverageOf, seatEligibility, seatsFor, type EligibilityContext, type Exclusion } from './eligibility';

/** One seat's ranked candidates, for a dispatcher choosing by hand. */
export interface SeatCandidates {
  readonly role: SeatRole;
  /** Eligible mediators, cheapest total (arc + marginal load) first. */
  readonly candidates: readonly CandidateCost[];
  /** Mediators of the seat's pools kept out by a hard rule, counted by rule. */
  readonly excluded: Readonly<Partial<Record<Exclusion, number>>>;
}

/**
 * The top `k` mediators for each seat of one case with their cost breakdown — the same terms the
 * optimizer uses — without solving or committing anything.
 */
export function rankCandidates(c: Case, input: Omit<CostModelInput, 'cases'>, k: number): SeatCandidates[] {
  const dp = buildDispatchProblem({ ...input, cases: [c] });
  const ctx = eligibilityContext(input);
  return seatsFor(c, input.config.tierRules).map((seat, seatIndex) => {
    const excluded: Partial<Record<Exclusion, number>> = {};
    for (const m of input.mediators) {
      const e = seatEligibility(m, c, seat, ctx);
      if (!e.eligible && e.exclusion) excluded[e.exclusion] = (excluded[e.exclusion] ?? 0) + 1;
    }
    const candidates = dp.candidates
      .filter((a) => a.task === seatIndex)
      .map((a): CandidateCost => {
        const loadCost = dp.loadCosts.get(a.mediator.id)?.[0] ?? 0;
        return { mediatorId: a.mediator.id, arcCost: a.cost, loadCost, total: a.cost + loadCost, terms: { ...a.terms }, facts: { ...a.facts } };
      })
      .sort((x, y) => x.total - y.total || (x.mediatorId < y.mediatorId ? -1 : 1))
      .slice(0, k);
    return { role: seat.role, candidates, excluded };
  });
}

/** A hard rule a proposed (manual) assignment breaks. */
export interface RuleViolation {
  readonly mediatorId: string;
  readonly role: SeatRole | null;
  readonly rule: Exclusion | 'unknown_mediator' | 'not_in_pool' | 'duplicate_mediator' | 'wrong_seat_count';
}

/**
 * Checks a dispatcher's choice against the hard rules: mediator ids in seat order (one, or lead
 * then expert for a major case). Returns every violation; empty means the choice is allowed.
 */
export function checkAssignment(c: Case, mediatorIds: readonly string[], input: Omit<CostModelInput, 'cases'>): RuleViolation[] {
  const seats = seatsFor(c, input.config.tierRules);
  const ctx = eligibilityContext(input);
  const byId = new Map(input.mediators.map((m) => [m.id, m]));
  const violations: RuleViolation[] = [];
  if (mediatorIds.length !== seats.length) violations.push({ mediatorId: mediatorIds.join(','), role: null, rule: 'wrong_seat_count' });
  mediatorIds.forEach((id, i) => {
    const m = byId.get(id);
    const seat = seats[i];
    if (!m) return violations.push({ mediatorId: id, role: seat?.role ?? null, rule: 'unknown_mediator' });
    if (mediatorIds.indexOf(id) !== i) return violations.push({ mediatorId: id, role: seat?.role ?? null, rule: 'duplicate_mediator' });
    if (!seat) return;
    const e = seatEligibility(m, c, seat, ctx);
    if (!e.eligible) violations.push({ mediatorId: id, role: seat.role, rule: e.exclusion ?? 'not_in_pool' });
  });
  return violations;
}

function eligibilityContext(input: Omit<CostModelInput, 'cases'>): EligibilityContext {
  return {
    rules: input.config.tierRules,
    county: indexCounty(input.config.county),
    coverage: coverageOf(input.config.organizations.organizations),
    loads: input.loads,
    now: input.now,
  };
}
