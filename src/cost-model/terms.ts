import type { CaseClass } from '../domain';
import type { CostWeights } from '../domain/config/schema';

/**
 * The soft costs of putting a mediator on a case seat, one named function per term. All are pure
 * and take the weights from cost-weights.json. The arc cost is the sum of the arc terms; the load
 * term lives on the agent (convex `loadCosts`) so the optimizer balances load exactly.
 */

/** Knowing the category well costs nothing; not knowing it costs `expertise`. */
export function expertiseGapCost(proficiency: number, w: Pick<CostWeights, 'expertise'>): number {
  return w.expertise * (1 - clamp01(proficiency));
}

/** Distance from the mediator to the case, `travelPer10Km` per 10 km. */
export function travelCost(distanceKm: number, w: Pick<CostWeights, 'travelPer10Km'>): number {
  return (w.travelPer10Km * Math.max(0, distanceKm)) / 10;
}

/** Cost of the predicted failure probability, at `price` per unit (`success`, ramped by seat pressure: seat-pressure.ts). */
export function successCost(probability: number, price: number): number {
  return price * (1 - clamp01(probability));
}

/**
 * Success lost to the mediator's load (issue 20): the load-free prediction minus the prediction at
 * their load with this case, at `price` per unit of probability (`loadSuccess.weight`, ramped by
 * seat pressure: seat-pressure.ts). Weighed more than the
 * success term because a seat taken while overloaded also slows the mediator's other open cases.
 */
export function loadSuccessCost(unloaded: number, loaded: number, price: number): number {
  return price * Math.max(0, clamp01(unloaded) - clamp01(loaded));
}

/** Scarce gold capacity spent on a case that is not major. */
export function goldPremiumCost(isGold: boolean, isMajorCase: boolean, w: Pick<CostWeights, 'goldPremium'>): number {
  return isGold && !isMajorCase ? w.goldPremium : 0;
}

/** A mediator from an overflow pool other than gold (e.g. a neighbouring township's village mediator). */
export function overflowCost(isOverflow: boolean, w: Pick<CostWeights, 'overflow'>): number {
  return isOverflow ? w.overflow : 0;
}

/**
 * Urgency, constant over a case's arcs: more days of slack before the deadline make assigning
 * the case cost more, so when capacity runs short (and seats go unfilled at `unassignedCost`
 * each) the optimizer leaves the cases with the most slack — those nearest their deadline are
 * the last left unassigned. Being the same on every arc of a case, it never changes who is chosen.
 */
export function urgencyCost(slackDays: number, w: Pick<CostWeights, 'urgency'>): number {
  const { weight, horizonDays } = w.urgency;
  return (weight * Math.min(Math.max(0, slackDays), horizonDays)) / horizonDays;
}

/**
 * Days a case of each class needs between assignment and its deadline: the configured working
 * time plus the margin. A case with fewer days left cannot wait for a later dispatch and still
 * meet its deadline.
 */
export function mustServeNow(daysLeft: number, caseClass: CaseClass, w: Pick<CostWeights, 'priority'>): boolean {
  return daysLeft <= w.priority.workDays[caseClass] + w.priority.marginDays;
}

/**
 * Deadlines as priorities, not as a capped cost: every arc of a case that can wait costs
 * `priority.waitCost` more than an arc of a case that must be served now. The cost is far above
 * any spread of the other terms within a county (travel, expertise, success, load), so the
 * optimizer never gives a seat to a case that can wait while a case that cannot is left without
 * one; and below `unassignedCost` less the largest arc, so a case that can wait is still served
 * when there is room. Constant over a case's arcs, it never changes who is chosen for a case.
 */
export function waitPriorityCost(canWait: boolean, w: Pick<CostWeights, 'priority'>): number {
  return canWait ? w.priority.waitCost : 0;
}

/**
 * The marginal cost of each further case for a mediator already carrying `load` of `capacity`:
 * unit u (0-based) costs weight × ((load + u + 1) / capacity)^exponent. Non-decreasing, so the
 * load term is convex and the flow engine balances load exactly. One entry per free seat, but no
 * more than `maxUnits`: the seats the problem could ever give this mediator. The schedule is sized
 * by the problem, never by the capacity number, so a huge capacity (a bad record) costs nothing.
 */
export function loadCostSchedule(load: number, capacity: number, w: Pick<CostWeights, 'load'>, maxUnits: number): number[] {
  const free = Math.max(0, Math.min(capacity - load, maxUnits));
  const out: number[] = [];
  for (let u = 0; u < free; u++) out.push(w.load.weight * ((load + u + 1) / capacity) ** w.load.exponent);
  return out;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
