import fc from 'fast-check';
import { indexProblem, toSolution, type IndexedSolution } from '../../../src/engine/indexed';
import { parseProblem, type Problem, type ProblemInput } from '../../../src/engine/problem';
import { solveWithHighs } from '../../../src/engine/solvers/mip/highs';
import { solveGap } from '../../../src/engine/solvers/mip/gap-solver';
import { solveWithLpSolver } from '../../support/lp-reference';
import { sameObjective, verifySolution } from '../../../src/engine/verify';

/** Random small v1 problems with every feature: seats, weighted loads, loadCosts, unassignedCost, both senses. */
const problemArb: fc.Arbitrary<ProblemInput> = fc
  .record({
    nTasks: fc.integer({ min: 1, max: 6 }),
    nAgents: fc.integer({ min: 1, max: 4 }),
    sense: fc.constantFrom('min' as const, 'max' as const),
    unassignedCost: fc.option(fc.integer({ min: -5, max: 40 }), { nil: undefined }),
    fractional: fc.boolean(),
    seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 120, maxLength: 120 }),
  })
  .map(({ nTasks, nAgents, sense, unassignedCost, fractional, seed }) => {
    let k = 0;
    const next = (mod: number): number => seed[k++ % seed.length]! % mod;
    const tasks = Array.from({ length: nTasks }, (_, t) => ({ id: `t${t}`, seats: next(4) === 0 ? 2 : 1 }));
    const agents = Array.from({ length: nAgents }, (_, i) => {
      const capacity = next(5) === 0 ? 0 : next(9) + (fractional ? 0.5 : 0);
      const withCosts = next(3) === 0;
      let loadCosts: number[] | undefined;
      if (withCosts) {
        const len = 1 + next(4);
        let v = next(5) - 2;
        loadCosts = Array.from({ length: len }, () => (v += next(4)));
        if (sense === 'max') loadCosts.reverse();
      }
      return { id: `a${i}`, capacity, ...(loadCosts ? { loadCosts } : {}) };
    });
    const arcs: { task: string; agent: string; cost: number; load: number }[] = [];
    for (let t = 0; t < nTasks; t++) {
      for (let i = 0; i < nAgents; i++) {
        if (next(4) === 0) continue;
        const cost = next(25) - 5 + (fractional ? next(4) / 4 : 0);
        arcs.push({ task: `t${t}`, agent: `a${i}`, cost, load: next(4) + (fractional && next(2) === 0 ? 0.5 : 0) });
      }
    }
    return { tasks, agents, arcs, sense, ...(unassignedCost !== undefined ? { unassignedCost } : {}) };
  });

function expectValid(problem: Problem, s: IndexedSolution): void {
  const idx = indexProblem(problem);
  const verdict = verifySolution(problem, toSolution(idx, s, 0));
  expect(verdict.errors).toEqual([]);
  expect(sameObjective(verdict.objective, s.objective!)).toBe(true);
}

async function checkAgainstReference(
  input: ProblemInput,
  solve: (p: ReturnType<typeof indexProblem>) => Promise<IndexedSolution>,
): Promise<void> {
  const problem = parseProblem(input);
  const p = indexProblem(problem);
  const ref = solveWithLpSolver(p);
  const got = await solve(p);
  if (ref.status === 'infeasible') {
    expect(got.status).toBe('infeasible');
    expect(got.objective).toBeNull();
    return;
  }
  expectValid(problem, ref);
  expect(got.status).toBe('optimal');
  expectValid(problem, got);
  expect(sameObjective(got.objective!, ref.objective!)).toBe(true);
  expect(sameObjective(got.bound!, got.objective!)).toBe(true);
}

describe('MIP path against the javascript-lp-solver reference', () => {
  test('when random small problems are solved by HiGHS, then its objective equals the reference optimum', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, (input) => checkAgainstReference(input, (p) => solveWithHighs(p, { timeLimitSec: 20 }))),
      { numRuns: 150 },
    );
  });

  test('when random small problems are solved by solveGap, then its objective equals the reference optimum', async () => {
    await fc.assert(
      fc.asyncProperty(problemArb, (input) => checkAgainstReference(input, (p) => solveGap(p, { timeLimitSec: 20 }))),
      { numRuns: 150 },
    );
  });
});
