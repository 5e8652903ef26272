import { indexProblem, toSolution, type IndexedSolution } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { solveGap } from '../../../src/engine/solvers/mip/gap-solver';
import { solveWithLpSolver } from '../../support/lp-reference';
import { sameObjective, verifySolution } from '../../../src/engine/verify';
import { chuBeasley, gapToProblem, indexedToProblem } from '../../../benchmarks/lib/gap-instances';

async function solveChecked(input: ProblemInput, timeLimitSec = 10): Promise<{ s: IndexedSolution; assigned: Map<string, string[]> }> {
  const problem = parseProblem(input);
  const p = indexProblem(problem);
  const s = await solveGap(p, { timeLimitSec });
  const assigned = new Map<string, string[]>();
  if (s.objective !== null) {
    const sol = toSolution(p, s, 0);
    const v = verifySolution(problem, sol);
    expect(v.errors).toEqual([]);
    expect(sameObjective(v.objective, s.objective)).toBe(true);
    for (const a of sol.assignments) assigned.set(a.task, [...(assigned.get(a.task) ?? []), a.agent].sort());
    const ref = solveWithLpSolver(p);
    if (s.status === 'optimal') expect(sameObjective(s.objective, ref.objective!)).toBe(true);
  }
  return { s, assigned };
}

describe('solveGap (weighted loads)', () => {
  test('when a task needs two seats, then it gets two distinct agents and the optimum', async () => {
    const { s, assigned } = await solveChecked({
      tasks: [{ id: 'c1', seats: 2 }, { id: 'c2' }],
      agents: [
        { id: 'a', capacity: 3 },
        { id: 'b', capacity: 2 },
        { id: 'c', capacity: 2 },
      ],
      arcs: [
        { task: 'c1', agent: 'a', cost: 1, load: 2 },
        { task: 'c1', agent: 'b', cost: 4, load: 2 },
        { task: 'c1', agent: 'c', cost: 2, load: 2 },
        { task: 'c2', agent: 'a', cost: 1, load: 2 },
        { task: 'c2', agent: 'b', cost: 3, load: 1 },
      ],
    });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(6); // c1 → a, c; c2 → b (a lacks room for both)
    expect(assigned.get('c1')).toEqual(['a', 'c']);
  });

  test('when capacity runs out and unassignedCost is given, then the cheapest seats stay unfilled', async () => {
    const { s } = await solveChecked({
      tasks: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }],
      agents: [{ id: 'a', capacity: 4 }],
      arcs: [
        { task: 'c1', agent: 'a', cost: 1, load: 2 },
        { task: 'c2', agent: 'a', cost: 1, load: 2 },
        { task: 'c3', agent: 'a', cost: 1, load: 3 },
      ],
      unassignedCost: 50,
    });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(52);
    expect(Array.from(s.unfilled)).toEqual([0, 0, 1]);
  });

  test('when agents have convex loadCosts, then the load is balanced exactly', async () => {
    const { s } = await solveChecked({
      tasks: ['t1', 't2', 't3', 't4'].map((id) => ({ id })),
      agents: [
        { id: 'a', capacity: 10, loadCosts: [0, 0, 5] },
        { id: 'b', capacity: 10, loadCosts: [0, 0, 5] },
      ],
      arcs: ['t1', 't2', 't3', 't4'].flatMap((task) => [
        { task, agent: 'a', cost: 1, load: 1 },
        { task, agent: 'b', cost: 1, load: 1 },
      ]),
    });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(4);
  });

  test('when the sense is max, then the most valuable feasible assignment is chosen', async () => {
    const { s } = await solveChecked({
      tasks: [{ id: 'c1' }, { id: 'c2' }],
      agents: [
        { id: 'a', capacity: 3 },
        { id: 'b', capacity: 3 },
      ],
      arcs: [
        { task: 'c1', agent: 'a', cost: 10, load: 2 },
        { task: 'c1', agent: 'b', cost: 6, load: 2 },
        { task: 'c2', agent: 'a', cost: 9, load: 2 },
        { task: 'c2', agent: 'b', cost: 1, load: 2 },
      ],
      sense: 'max',
    });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(15); // c1 → b, c2 → a
  });

  test('when a task has no arcs and seats must be filled, then the answer is infeasible with a message', async () => {
    const { s } = await solveChecked({
      tasks: [{ id: 'c1' }, { id: 'lonely' }],
      agents: [{ id: 'a', capacity: 5 }],
      arcs: [{ task: 'c1', agent: 'a', cost: 1, load: 2 }],
    });
    expect(s.status).toBe('infeasible');
    expect(s.objective).toBeNull();
    expect(s.message).toContain('lonely');
  });

  test('when a task has no arcs but unassignedCost is given, then it is left unassigned', async () => {
    const { s } = await solveChecked({
      tasks: [{ id: 'c1' }, { id: 'lonely', seats: 2 }],
      agents: [{ id: 'a', capacity: 5 }],
      arcs: [{ task: 'c1', agent: 'a', cost: 1, load: 2 }],
      unassignedCost: 7,
    });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(15);
  });

  test('when an agent has zero capacity, then only its zero-load arcs can be used', async () => {
    const { s, assigned } = await solveChecked({
      tasks: [{ id: 'c1' }, { id: 'c2' }],
      agents: [
        { id: 'closed', capacity: 0 },
        { id: 'open', capacity: 1 },
      ],
      arcs: [
        { task: 'c1', agent: 'closed', cost: 0, load: 1 },
        { task: 'c1', agent: 'open', cost: 5, load: 1 },
        { task: 'c2', agent: 'closed', cost: 2, load: 0 },
        { task: 'c2', agent: 'open', cost: 1, load: 1 },
      ],
    });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(7);
    expect(assigned.get('c2')).toEqual(['closed']);
  });

  test('when capacities cannot hold every task, then the answer is infeasible', async () => {
    const { s } = await solveChecked({
      tasks: [{ id: 'c1' }, { id: 'c2' }],
      agents: [{ id: 'a', capacity: 3 }],
      arcs: [
        { task: 'c1', agent: 'a', cost: 1, load: 2 },
        { task: 'c2', agent: 'a', cost: 1, load: 2 },
      ],
    });
    expect(s.status).toBe('infeasible');
  });

  test('when the time limit is tiny on a hard instance, then the answer is feasible or time_limit and valid', async () => {
    const p = gapToProblem(chuBeasley('D', 20, 200, 7), 'min');
    const s = await solveGap(p, { timeLimitSec: 0.3 });
    expect(['feasible', 'time_limit']).toContain(s.status);
    if (s.objective !== null) {
      const v = verifySolution(indexedToProblem(p), toSolution(p, s, 0));
      expect(v.errors).toEqual([]);
      expect(sameObjective(v.objective, s.objective)).toBe(true);
      expect(s.bound).not.toBeNull();
      expect(s.bound!).toBeLessThanOrEqual(s.objective);
    }
  });
});
