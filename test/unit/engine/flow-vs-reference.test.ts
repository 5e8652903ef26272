import fc from 'fast-check';
import { indexProblem, toSolution } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { solveMinCostFlow } from '../../../src/engine/solvers/flow/min-cost-flow';
import { solveWithLpSolver } from '../../support/lp-reference';
import { sameObjective, verifySolution } from '../../../src/engine/verify';

/**
 * Mid-sized random problems — too big for exhaustive search, crowded enough that augmenting
 * paths displace chains of earlier tasks — checked against javascript-lp-solver's MIP optimum.
 */
const instance = fc.record({
  tasks: fc.integer({ min: 6, max: 14 }),
  agents: fc.integer({ min: 2, max: 5 }),
  density: fc.double({ min: 0.35, max: 0.9, noNaN: true }),
  slack: fc.integer({ min: -2, max: 3 }),
  withLoadCosts: fc.boolean(),
  unassignedCost: fc.option(fc.integer({ min: 5, max: 80 })),
  max: fc.boolean(),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
});

type Generated = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function buildInput(g: Generated): ProblemInput {
  let s = g.seed;
  const rand = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const tasks = Array.from({ length: g.tasks }, (_, t) => ({ id: `t${t}`, seats: rand() < 0.15 ? 2 : 1 }));
  const seats = tasks.reduce((n, t) => n + t.seats, 0);
  const perAgent = Math.max(0, Math.ceil(seats / g.agents) + g.slack);
  const lc = g.max ? [4, 2, 0, -3] : [0, 1, 3, 6];
  const agents = Array.from({ length: g.agents }, (_, a) => ({
    id: `a${a}`,
    capacity: perAgent,
    ...(g.withLoadCosts ? { loadCosts: lc } : {}),
  }));
  const arcs = tasks.flatMap((t) =>
    agents
      .filter(() => rand() < g.density)
      .map((a) => ({
        task: t.id,
        agent: a.id,
        cost: Math.round(rand() * 40) - 5,
      })),
  );
  return {
    tasks,
    agents,
    arcs,
    sense: g.max ? 'max' : 'min',
    ...(g.unassignedCost !== null ? { unassignedCost: g.max ? -g.unassignedCost : g.unassignedCost } : {}),
  };
}

describe('flow engine against javascript-lp-solver', () => {
  it('when random crowded problems are solved, then status and objective match the MIP reference', () => {
    let solved = 0;
    fc.assert(
      fc.property(instance, (g) => {
        const problem = parseProblem(buildInput(g));
        const indexed = indexProblem(problem);
        const ours = solveMinCostFlow(indexed);
        const reference = solveWithLpSolver(indexed);
        expect(ours.status === 'infeasible').toBe(reference.status === 'infeasible');
        if (ours.status === 'infeasible') return;
        const verdict = verifySolution(problem, toSolution(indexed, ours, 0));
        expect(verdict.errors).toEqual([]);
        expect(sameObjective(verdict.objective, ours.objective!)).toBe(true);
        expect(sameObjective(ours.objective!, reference.objective!)).toBe(true);
        solved++;
      }),
      { numRuns: 150, seed: 4242 },
    );
    expect(solved).toBeGreaterThan(75); // most draws must be feasible, or the test proves little
  });
});
