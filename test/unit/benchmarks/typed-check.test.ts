import { checkIndexed } from '../../../benchmarks/lib/baselines';
import { indexProblem, type IndexedSolution } from '../../../src/engine/indexed';
import { parseProblem } from '../../../src/engine/problem';

const p = indexProblem(
  parseProblem({
    tasks: [{ id: 'a' }, { id: 'b', seats: 2 }],
    agents: [
      { id: 'x', capacity: 1 },
      { id: 'y', capacity: 3, loadCosts: [0, 4] },
    ],
    arcs: [
      { task: 'a', agent: 'x', cost: 1 },
      { task: 'a', agent: 'y', cost: 2 },
      { task: 'b', agent: 'x', cost: 3 },
      { task: 'b', agent: 'y', cost: 5 },
    ],
  }),
);
const answer = (arcs: number[], unfilled: number[]): IndexedSolution => ({
  status: 'optimal',
  objective: 0,
  bound: null,
  chosenArcs: Int32Array.from(arcs),
  unfilled: Int32Array.from(unfilled),
  solver: 't',
});

describe('typed-array answer check', () => {
  it('when the answer is feasible, then it passes and the objective includes the load terms', () => {
    const v = checkIndexed(p, answer([1, 2, 3], [0, 0]));
    expect(v.errors).toEqual([]);
    expect(v.objective).toBe(2 + 3 + 5 + 0 + 4); // y carries 2: second unit costs 4
  });

  it('when an agent is over capacity, a seat is missing, or an arc repeats, then it fails', () => {
    expect(checkIndexed(p, answer([0, 2, 3], [0, 0])).errors.join()).toMatch(/carries 2 > capacity 1/);
    expect(checkIndexed(p, answer([1, 3], [0, 1])).errors.join()).toMatch(/every seat must be filled/);
    expect(checkIndexed(p, answer([1, 3, 3], [0, 0])).errors.join()).toMatch(/twice/);
    expect(checkIndexed(p, answer([1, 7], [0, 1])).errors.join()).toMatch(/out of range/);
  });
});
