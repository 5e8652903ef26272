import fc from 'fast-check';
import { planWithinMoveBudget } from '../../../src/planning/rebalance/move-budget';
import { planRebalance } from '../../../src/planning/rebalance/plan-rebalance';
import { tinyModel, type TinyAgent, type TinySeat } from './fixtures';
import { arcCostOf, choiceOf, penalisedObjective } from './reference';
import type { RebalanceModel } from '../../../src/planning/rebalance/model';

/** Best unpenalised cost over every choice with at most `budget` discretionary moves (tiny models only). */
function bestWithinBudget(model: RebalanceModel, budget: number): number {
  const free = { ...model, seats: model.seats.map((s) => ({ ...s, penalty: 0 })) };
  const options = model.seats.map((_, s) => [-1, ...model.agents.map((_, a) => a).filter((a) => arcCostOf(model, s, a) !== undefined)]);
  let best = Infinity;
  const choice = new Array<number>(model.seats.length).fill(-1);
  const walk = (s: number, moves: number): void => {
    if (moves > budget) return;
    if (s === model.seats.length) {
      const v = penalisedObjective(free, choice);
      if (v !== null && v < best) best = v;
      return;
    }
    for (const a of options[s]!) {
      choice[s] = a;
      const seat = model.seats[s]!;
      walk(s + 1, moves + (a !== seat.current && a !== -1 && !seat.forced ? 1 : 0));
    }
  };
  walk(0, 0);
  return best;
}

const two: TinyAgent[] = [
  { id: 'A', capacity: 5 },
  { id: 'B', capacity: 5 },
];

describe('full re-solve ties', () => {
  it('when a move gains exactly nothing, then even the full re-solve leaves the seat where it is', async () => {
    const seats: TinySeat[] = [0, 1, 2].map(() => ({ current: 'A', arcs: { A: 3, B: 3 } }));
    const plan = await planRebalance(tinyModel(two, [...seats, { current: 'B', arcs: { A: 3, B: 3 } }]), { ignoreStability: true });
    expect(plan.moves).toEqual([]);
  });

  it('when a move gains a little, then the full re-solve still makes it', async () => {
    const plan = await planRebalance(tinyModel(two, [{ current: 'A', arcs: { A: 3, B: 2.999 } }]), { ignoreStability: true });
    expect(plan.moves.map((m) => m.to)).toEqual(['B']);
  });
});

describe('planWithinMoveBudget', () => {
  it('when the plan makes more discretionary moves than the budget, then the budgeted plan keeps within it, and gains as much as any plan that does', async () => {
    const agentIds = ['A', 'B', 'C'];
    const seatArb = fc.record({
      current: fc.constantFrom(...agentIds),
      costs: fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })),
      forced: fc.constantFrom(undefined, undefined, undefined, 'leave' as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(seatArb, { minLength: 2, maxLength: 5 }), fc.integer({ min: 0, max: 2 }), async (raw, budget) => {
        const agents: TinyAgent[] = agentIds.map((id) => ({ id, capacity: 4, loadCosts: [0, 1, 2, 4] }));
        const seats: TinySeat[] = raw.map((s) => ({
          current: s.current,
          arcs: Object.fromEntries(agentIds.map((id, i) => [id, s.costs[i]!])),
          penalty: 0.5,
          ...(s.forced ? { forced: s.forced } : {}),
        }));
        const model = tinyModel(agents, seats);
        const { plan } = await planWithinMoveBudget(model, budget);
        expect(plan.movesByReason.gain).toBeLessThanOrEqual(budget);
        // Cost after the plan, from the reference scorer with no penalties.
        const free = { ...model, seats: model.seats.map((s) => ({ ...s, penalty: 0 })) };
        const got = penalisedObjective(free, choiceOf(model, plan))!;
        // Lagrangian plans are exact at their own move count; with that many moves nobody does better.
        expect(got).toBeCloseTo(bestWithinBudget(model, plan.movesByReason.gain), 6);
      }),
      { numRuns: 120, seed: 20261127 },
    );
  });
});
