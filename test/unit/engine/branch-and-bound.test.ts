import fc from 'fast-check';
import { indexProblem, toSolution, type IndexedProblem, type IndexedSolution } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { branchAndBound, fitsBranchAndBound } from '../../../src/engine/solvers/mip/branch-and-bound';
import { GapState } from '../../../src/engine/solvers/mip/gap-state';
import { solveWithHighs } from '../../../src/engine/solvers/mip/highs';
import { objectiveOf, toMinForm } from '../../../src/engine/solvers/mip/min-form';
import { solveWithLpSolver } from '../../support/lp-reference';
import { sameObjective, verifySolution } from '../../../src/engine/verify';
import { chuBeasley, gapToProblem, indexedToProblem } from '../../../benchmarks/lib/gap-instances';

/** Random small classic-shape problems (integral loads, no loadCosts) with seats, unassignedCost and both senses. */
const classicArb: fc.Arbitrary<ProblemInput> = fc
  .record({
    nTasks: fc.integer({ min: 1, max: 7 }),
    nAgents: fc.integer({ min: 1, max: 4 }),
    sense: fc.constantFrom('min' as const, 'max' as const),
    unassignedCost: fc.option(fc.integer({ min: -5, max: 40 }), { nil: undefined }),
    seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 100, maxLength: 100 }),
  })
  .map(({ nTasks, nAgents, sense, unassignedCost, seed }) => {
    let k = 0;
    const next = (mod: number): number => seed[k++ % seed.length]! % mod;
    const tasks = Array.from({ length: nTasks }, (_, t) => ({ id: `t${t}`, seats: next(4) === 0 ? 2 : 1 }));
    const agents = Array.from({ length: nAgents }, (_, i) => ({ id: `a${i}`, capacity: next(5) === 0 ? 0 : next(12) }));
    const arcs: { task: string; agent: string; cost: number; load: number }[] = [];
    for (let t = 0; t < nTasks; t++) {
      for (let i = 0; i < nAgents; i++) {
        if (next(4) === 0) continue;
        arcs.push({ task: `t${t}`, agent: `a${i}`, cost: next(25) - 5, load: next(5) });
      }
    }
    return { tasks, agents, arcs, sense, ...(unassignedCost !== undefined ? { unassignedCost } : {}) };
  });

/** The search's answer as a solution in the problem's own sense (null when it found none). */
function searched(p: IndexedProblem): { complete: boolean; s: IndexedSolution | null } {
  const f = toMinForm(p);
  expect(fitsBranchAndBound(f)).toBe(true);
  const out = branchAndBound(f, null, { deadlineMs: performance.now() + 20_000 });
  if (!out.best) return { complete: out.complete, s: null };
  const st = new GapState(f);
  st.setSlots(out.best.slots);
  const chosenArcs = st.chosenArcs();
  const unfilled = st.unfilled();
  const objective = objectiveOf(p, chosenArcs, unfilled);
  expect(sameObjective(objective, f.sign * out.best.cost)).toBe(true);
  // The root bound is a lower bound of the min form, so never above the answer found.
  expect(out.rootBound).toBeLessThanOrEqual(out.best.cost + 1e-6 * Math.max(1, Math.abs(out.best.cost)));
  return { complete: out.complete, s: { status: 'optimal', objective, bound: objective, chosenArcs, unfilled, solver: 'bnb' } };
}

describe('branch-and-bound on the knapsack Lagrangian bound', () => {
  test('when random small classic problems are searched, then it finishes at the reference optimum (or proves infeasibility)', () => {
    fc.assert(
      fc.property(classicArb, (input) => {
        const problem = parseProblem(input);
        const p = indexProblem(problem);
        const ref = solveWithLpSolver(p);
        const { complete, s } = searched(p);
        expect(complete).toBe(true);
        if (ref.status === 'infeasible') {
          expect(s).toBeNull();
          return;
        }
        expect(s).not.toBeNull();
        const v = verifySolution(problem, toSolution(p, s!, 0));
        expect(v.errors).toEqual([]);
        expect(sameObjective(v.objective, ref.objective!)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test.each(['min', 'max'] as const)(
    'when a Chu–Beasley 8×40 type C instance is searched (%s), then it proves the optimum HiGHS finds',
    async (sense) => {
      const p = gapToProblem(chuBeasley('C', 8, 40, 11), sense);
      const { complete, s } = searched(p);
      expect(complete).toBe(true);
      const v = verifySolution(indexedToProblem(p), toSolution(p, s!, 0));
      expect(v.errors).toEqual([]);
      const h = await solveWithHighs(p, { timeLimitSec: 60 });
      expect(h.status).toBe('optimal');
      expect(v.objective).toBe(h.objective);
    },
  );

  test('when the problem has fractional loads or load costs, then the search declines it', () => {
    const frac = indexProblem(
      parseProblem({ tasks: [{ id: 't' }], agents: [{ id: 'a', capacity: 2 }], arcs: [{ task: 't', agent: 'a', cost: 1, load: 0.5 }] }),
    );
    const costs = indexProblem(
      parseProblem({
        tasks: [{ id: 't' }],
        agents: [{ id: 'a', capacity: 2, loadCosts: [0, 1] }],
        arcs: [{ task: 't', agent: 'a', cost: 1, load: 1 }],
      }),
    );
    expect(fitsBranchAndBound(toMinForm(frac))).toBe(false);
    expect(fitsBranchAndBound(toMinForm(costs))).toBe(false);
  });
});
