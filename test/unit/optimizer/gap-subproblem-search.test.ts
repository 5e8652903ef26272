import { toSolution } from '../../../src/optimizer/indexed';
import { constructGreedy, repair } from '../../../src/optimizer/solvers/mip/construct';
import { GapState } from '../../../src/optimizer/solvers/mip/gap-state';
import { maximiseLagrangian } from '../../../src/optimizer/solvers/mip/lagrangian';
import { objectiveOf, toMinForm } from '../../../src/optimizer/solvers/mip/min-form';
import { seededRng } from '../../../src/optimizer/solvers/mip/rng';
import { fitsSubproblemSearch, subproblemSearch } from '../../../src/optimizer/solvers/mip/subproblem-search';
import { verifySolution } from '../../../src/optimizer/verify';
import { chuBeasley, gapToProblem, indexedToProblem } from '../../../benchmarks/lib/gap-instances';

describe('subproblemSearch (classic GAP)', () => {
  test('when started from a repaired greedy assignment of a type D instance, then it returns a cheaper verified feasible one above the bound', () => {
    const p = gapToProblem(chuBeasley('D', 8, 80, 42), 'min');
    const f = toMinForm(p);
    expect(fitsSubproblemSearch(f)).toBe(true);
    const lr = maximiseLagrangian(f, {
      deadline: performance.now() + 2000, maxIterations: 300, heuristicEvery: 1_000_000,
      upper: () => Infinity, onMultipliers: () => undefined, closes: () => false,
    });
    const s = new GapState(f);
    constructGreedy(s, new Float64Array(p.agentIds.length)); // μ = 0: the cheapest arcs, far from the optimum
    expect(repair(s, performance.now() + 2000, seededRng(1))).toBe(true);
    const start = { slots: s.slotArc.slice(), cost: s.cost };
    const out = subproblemSearch(f, start, {
      deadline: performance.now() + 1000, rng: seededRng(7), target: -Infinity, minAgents: 2, maxAgents: 4, mu: lr.mu, width: 3,
    });
    expect(out.cost).toBeLessThan(start.cost);
    s.setSlots(out.slots);
    expect(s.feasible()).toBe(true);
    const chosen = s.chosenArcs();
    const unfilled = s.unfilled();
    const objective = objectiveOf(p, chosen, unfilled);
    expect(objective).toBeCloseTo(out.cost, 9);
    const v = verifySolution(indexedToProblem(p), toSolution(p, { status: 'feasible', objective, bound: null, chosenArcs: chosen, unfilled, solver: 'test' }, 0));
    expect(v.errors).toEqual([]);
    expect(out.cost).toBeGreaterThanOrEqual(lr.bound - 1e-6);
  });

  test('when loads are fractional, a task needs two seats or seats may stay unfilled, then the search does not apply', () => {
    const p = gapToProblem(chuBeasley('D', 3, 10, 1), 'min');
    expect(fitsSubproblemSearch(toMinForm({ ...p, arcLoad: p.arcLoad.map((x) => x + 0.5) }))).toBe(false);
    expect(fitsSubproblemSearch(toMinForm({ ...p, seats: Int32Array.from(p.seats, (x, t) => (t === 0 ? 2 : x)) }))).toBe(false);
    expect(fitsSubproblemSearch(toMinForm({ ...p, unassignedCost: 500 }))).toBe(false);
  });
});
