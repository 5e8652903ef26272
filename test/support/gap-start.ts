import { toSolution, type IndexedProblem } from '../../src/engine/indexed';
import { constructGreedy, repair } from '../../src/engine/solvers/mip/construct';
import { GapState } from '../../src/engine/solvers/mip/gap-state';
import { maximiseLagrangian } from '../../src/engine/solvers/mip/lagrangian';
import { objectiveOf, toMinForm, type MinForm } from '../../src/engine/solvers/mip/min-form';
import { seededRng } from '../../src/domain/random';
import { verifySolution } from '../../src/engine/verify';
import { chuBeasley, gapToProblem, indexedToProblem } from '../../benchmarks/lib/gap-instances';

interface Incumbent {
  readonly slots: Int32Array;
  readonly cost: number;
}

/** A seeded type D GAP, its capacity-row Lagrangian (multipliers and bound) and a poor start to improve: a repaired greedy on raw costs. */
export function typeDStart(agents: number, tasks: number) {
  const p = gapToProblem(chuBeasley('D', agents, tasks, 42), 'min');
  const f = toMinForm(p);
  const lr = maximiseLagrangian(f, {
    deadlineMs: performance.now() + 2000,
    maxIterations: 300,
    heuristicEvery: 1_000_000,
    upper: () => Infinity,
    onMultipliers: () => undefined,
    closes: () => false,
  });
  const s = new GapState(f);
  constructGreedy(s, new Float64Array(p.agentIds.length)); // μ = 0: the cheapest arcs, far from the optimum
  expect(repair(s, performance.now() + 2000, seededRng(1))).toBe(true);
  const start: Incumbent = { slots: s.slotArc.slice(), cost: s.cost };
  return { p, f, mu: lr.mu, bound: lr.bound, start };
}

/** A search's result is cheaper than its start, feasible by the independent verifier, costed right and not below the bound. */
export function expectImprovedAndVerified(p: IndexedProblem, f: MinForm, start: Incumbent, out: Incumbent, bound: number): void {
  expect(out.cost).toBeLessThan(start.cost);
  const s = new GapState(f);
  s.setSlots(out.slots);
  expect(s.feasible()).toBe(true);
  const chosen = s.chosenArcs();
  const unfilled = s.unfilled();
  const objective = objectiveOf(p, chosen, unfilled);
  expect(objective).toBeCloseTo(out.cost, 9);
  const v = verifySolution(
    indexedToProblem(p),
    toSolution(p, { status: 'feasible', objective, bound: null, chosenArcs: chosen, unfilled, solver: 'test' }, 0),
  );
  expect(v.errors).toEqual([]);
  expect(out.cost).toBeGreaterThanOrEqual(bound - 1e-6);
}
