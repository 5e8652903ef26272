import { indexProblem, toSolution } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { solveWithLpSolver } from '../../support/lp-reference';
import { verifySolution } from '../../../src/engine/verify';

function reference(input: ProblemInput) {
  const problem = parseProblem(input);
  const p = indexProblem(problem);
  const s = solveWithLpSolver(p);
  if (s.objective !== null) expect(verifySolution(problem, toSolution(p, s, 0)).errors).toEqual([]);
  return s;
}

describe('javascript-lp-solver reference', () => {
  test('when two tasks compete for one cheap agent, then the hand-computed optimum comes back', () => {
    const s = reference({
      tasks: [{ id: 'x' }, { id: 'y' }],
      agents: [
        { id: 'a', capacity: 1 },
        { id: 'b', capacity: 1 },
      ],
      arcs: [
        { task: 'x', agent: 'a', cost: 1 },
        { task: 'x', agent: 'b', cost: 10 },
        { task: 'y', agent: 'a', cost: 2 },
        { task: 'y', agent: 'b', cost: 4 },
      ],
    });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(5);
  });

  test('when loadCosts rise, then the reference balances (2 + 2 beats 3 + 1)', () => {
    const s = reference({
      tasks: ['t1', 't2', 't3', 't4'].map((id) => ({ id })),
      agents: [
        { id: 'a', capacity: 4, loadCosts: [0, 0, 3] },
        { id: 'b', capacity: 4, loadCosts: [1, 1, 4] },
      ],
      arcs: ['t1', 't2', 't3', 't4'].flatMap((task) => [
        { task, agent: 'a', cost: 0 },
        { task, agent: 'b', cost: 0 },
      ]),
    });
    expect(s.objective).toBe(2); // a: 0 + 0, b: 1 + 1
  });

  test('when seats cannot be filled, then it says infeasible; with unassignedCost it leaves seats unfilled', () => {
    const base: ProblemInput = {
      tasks: [{ id: 'x', seats: 2 }],
      agents: [{ id: 'a', capacity: 1 }],
      arcs: [{ task: 'x', agent: 'a', cost: 3 }],
    };
    expect(reference(base).status).toBe('infeasible');
    const relaxed = reference({ ...base, unassignedCost: 20 });
    expect(relaxed.objective).toBe(23);
  });

  test('when the sense is max with fractional loads, then the most valuable fitting set is chosen', () => {
    const s = reference({
      tasks: [{ id: 'x' }, { id: 'y' }, { id: 'z' }],
      agents: [{ id: 'a', capacity: 2.5 }],
      arcs: [
        { task: 'x', agent: 'a', cost: 5, load: 1.5 },
        { task: 'y', agent: 'a', cost: 4, load: 1 },
        { task: 'z', agent: 'a', cost: 3, load: 1 },
      ],
      sense: 'max',
      unassignedCost: 0,
    });
    expect(s.objective).toBe(9);
  });
});
