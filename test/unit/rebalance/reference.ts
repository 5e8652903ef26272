import { loadTermCost } from '../../../src/engine/indexed';
import type { RebalanceModel } from '../../../src/planning/rebalance/model';
import type { RebalancePlan } from '../../../src/planning/rebalance/plan';

/**
 * An independent scorer and exhaustive optimum of the penalised rebalance objective, written from
 * the definition (stay free, move = penalty, forced leave/ineligible may not stay, a forced
 * deadline seat staying costs `forcedStayCost`, an empty seat `unassignedCost`, convex load).
 */

/** Agent index per seat, -1 = left without a mediator. */
export type Choice = readonly number[];

export function arcCostOf(model: RebalanceModel, seat: number, agent: number): number | undefined {
  for (let e = 0; e < model.arcSeat.length; e++) if (model.arcSeat[e] === seat && model.arcAgent[e] === agent) return model.arcCost[e];
  return undefined;
}

/** Penalised objective of a choice, or null when it breaks a rule (capacity, missing arc, forced stay). */
export function penalisedObjective(
  model: RebalanceModel,
  choice: Choice,
  opts: { ignoreStability?: boolean; forcedStayCost?: number } = {},
): number | null {
  const stay = opts.forcedStayCost ?? model.unassignedCost / 2;
  const counts = model.agents.map(() => 0);
  let total = 0;
  for (let s = 0; s < choice.length; s++) {
    const seat = model.seats[s]!;
    const a = choice[s]!;
    if (a === -1) {
      total += model.unassignedCost;
      continue;
    }
    const cost = arcCostOf(model, s, a);
    if (cost === undefined) return null;
    if (a === seat.current) {
      if (seat.forced === 'leave' || seat.forced === 'ineligible') return null;
      total += cost + (seat.forced === 'deadline' ? stay : 0);
    } else {
      total += cost + (opts.ignoreStability || seat.forced ? 0 : seat.penalty);
    }
    counts[a]!++;
  }
  for (let i = 0; i < counts.length; i++) {
    const ag = model.agents[i]!;
    const room = ag.loadCosts ? ag.loadCosts.length : ag.capacity - ag.fixedLoad;
    if (counts[i]! > room) return null;
    total += loadTermCost(ag.loadCosts ? Float64Array.from(ag.loadCosts) : null, counts[i]!);
  }
  return total;
}

/** Best penalised objective over every choice (tiny models only). */
export function exhaustiveOptimum(model: RebalanceModel, opts: { ignoreStability?: boolean } = {}): number {
  const options = model.seats.map((_, s) => [-1, ...model.agents.map((_, a) => a).filter((a) => arcCostOf(model, s, a) !== undefined)]);
  let best = Infinity;
  const choice = new Array<number>(model.seats.length).fill(-1);
  const walk = (s: number): void => {
    if (s === model.seats.length) {
      const v = penalisedObjective(model, choice, opts);
      if (v !== null && v < best) best = v;
      return;
    }
    for (const a of options[s]!) {
      choice[s] = a;
      walk(s + 1);
    }
  };
  walk(0);
  return best;
}

/** The plan as a choice: moved seats at their new agent, the rest where they were (stranded forced seats with no agent: -1). */
export function choiceOf(model: RebalanceModel, plan: RebalancePlan): number[] {
  const to = new Map(plan.moves.map((m) => [m.seatId, m.to]));
  const index = new Map(model.agents.map((a, i) => [a.id, i]));
  return model.seats.map((s) => {
    if (to.has(s.id)) return index.get(to.get(s.id)!)!;
    // A seat that may not stay and found no place is left empty in the solver's terms.
    return s.forced === 'leave' || s.forced === 'ineligible' ? -1 : s.current;
  });
}
