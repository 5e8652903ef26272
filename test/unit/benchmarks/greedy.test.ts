import { generateCountyInstance, toV1Problem } from '../../../benchmarks/lib/county-instance';
import { solveGreedy } from '../../../benchmarks/lib/greedy';
import { indexProblem, toSolution } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { solveIndexed } from '../../../src/engine/solve';
import { verifySolution } from '../../../src/engine/verify';

const indexed = (input: ProblemInput) => indexProblem(parseProblem(input));

describe('greedy nearest-eligible dispatcher', () => {
  it.each([
    [50, false],
    [500, false],
    [500, true],
    [2000, false],
  ])(
    "when run on a county instance (n=%i, loadCosts %s), then its answer is feasible and its objective is the verifier's, never below the optimum",
    async (n, loadCosts) => {
      const p = generateCountyInstance({ n, seed: 11, loadCosts }).problem;
      const greedy = solveGreedy(p);
      expect(greedy.status).toBe('feasible'); // the gold tier's slack catches every overflow
      const verdict = verifySolution(toV1Problem(p), toSolution(p, greedy, 0));
      expect(verdict.errors).toEqual([]);
      expect(verdict.objective).toBeCloseTo(greedy.objective!, 6);
      const optimum = await solveIndexed(p, { solver: 'flow' });
      expect(greedy.objective!).toBeGreaterThanOrEqual(optimum.objective! - 1e-6);
    },
  );

  it('when cases arrive in order, then each takes the cheapest mediator with room, like a dispatcher', () => {
    const p = indexed({
      tasks: [{ id: 'a' }, { id: 'b' }],
      agents: [
        { id: 'near', capacity: 1 },
        { id: 'far', capacity: 1 },
      ],
      arcs: [
        { task: 'a', agent: 'near', cost: 1 },
        { task: 'a', agent: 'far', cost: 2 },
        { task: 'b', agent: 'near', cost: 1 },
        { task: 'b', agent: 'far', cost: 10 },
      ],
    });
    const s = solveGreedy(p);
    expect(toSolution(p, s, 0).assignments).toEqual([
      { task: 'a', agent: 'near' },
      { task: 'b', agent: 'far' },
    ]);
    expect(s.objective).toBe(11); // the optimum is 3: the greedy's myopia is the point of the baseline
  });

  it('when a late case finds no mediator with room and every seat must be filled, then it reports infeasible and says why', () => {
    const p = indexed({
      tasks: [{ id: 'a' }, { id: 'b' }],
      agents: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      arcs: [
        { task: 'a', agent: 'x', cost: 1 },
        { task: 'a', agent: 'y', cost: 2 },
        { task: 'b', agent: 'x', cost: 1 },
      ],
    });
    const s = solveGreedy(p);
    expect(s.status).toBe('infeasible');
    expect(s.message).toMatch(/1 seat/);
  });

  it('when unfilled seats are allowed, then the stranded seat is priced and the answer verifies', () => {
    const input: ProblemInput = {
      tasks: [{ id: 'a' }, { id: 'b', seats: 2 }],
      agents: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 2, loadCosts: [0, 5] },
      ],
      arcs: [
        { task: 'a', agent: 'x', cost: 1 },
        { task: 'b', agent: 'x', cost: 1 },
        { task: 'b', agent: 'y', cost: 3 },
      ],
      unassignedCost: 100,
    };
    const p = indexed(input);
    const s = solveGreedy(p);
    expect(s.status).toBe('feasible');
    expect(Array.from(s.unfilled)).toEqual([0, 1]);
    const verdict = verifySolution(parseProblem(input), toSolution(p, s, 0));
    expect(verdict.errors).toEqual([]);
    expect(s.objective).toBe(1 + 3 + 100);
    expect(verdict.objective).toBe(104);
  });
});
