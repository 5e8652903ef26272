import { indexProblem, toSolution } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { solveWithHighs } from '../../../src/engine/solvers/mip/highs';
import { sameObjective, verifySolution } from '../../../src/engine/verify';
import { chuBeasley, gapToProblem, indexedToProblem } from '../../../benchmarks/lib/gap-instances';

const small: ProblemInput = {
  tasks: [{ id: 'c1' }, { id: 'c2' }, { id: 'c3' }],
  agents: [
    { id: 'a', capacity: 4 },
    { id: 'b', capacity: 3 },
  ],
  arcs: [
    { task: 'c1', agent: 'a', cost: 3, load: 2 },
    { task: 'c1', agent: 'b', cost: 5, load: 2 },
    { task: 'c2', agent: 'a', cost: 2, load: 2 },
    { task: 'c2', agent: 'b', cost: 6, load: 3 },
    { task: 'c3', agent: 'a', cost: 1, load: 3 },
    { task: 'c3', agent: 'b', cost: 4, load: 1 },
  ],
};

describe('solveWithHighs', () => {
  test('when a small problem is solved, then the answer is optimal, verified, with bound = objective', async () => {
    const problem = parseProblem(small);
    const p = indexProblem(problem);
    const s = await solveWithHighs(p, { timeLimitSec: 10 });
    expect(s.status).toBe('optimal');
    const v = verifySolution(problem, toSolution(p, s, 0));
    expect(v.errors).toEqual([]);
    expect(v.objective).toBe(9); // c1 → a, c2 → a, c3 → b
    expect(s.bound).toBe(s.objective);
  });

  test('when the objective bound is below the optimum, then HiGHS reports no assignment reaching it', async () => {
    const p = indexProblem(parseProblem(small));
    const s = await solveWithHighs(p, { timeLimitSec: 10, objectiveBound: 8 });
    expect(s.status).toBe('time_limit');
    expect(s.objective).toBeNull();
    expect(s.message).toMatch(/objective bound/);
  });

  test('when the objective bound is above the optimum, then the optimum is still found', async () => {
    const p = indexProblem(parseProblem(small));
    const s = await solveWithHighs(p, { timeLimitSec: 10, objectiveBound: 12 });
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(9);
  });

  test('when capacities cannot hold the tasks, then the answer is infeasible with a message', async () => {
    const p = indexProblem(
      parseProblem({
        ...small,
        agents: [
          { id: 'a', capacity: 2 },
          { id: 'b', capacity: 1 },
        ],
      }),
    );
    const s = await solveWithHighs(p, { timeLimitSec: 10 });
    expect(s.status).toBe('infeasible');
    expect(s.objective).toBeNull();
    expect(s.message).toBeDefined();
  });

  test('when the model exceeds the memory ceiling, then a clear message comes back instead of a crash', async () => {
    const p = gapToProblem(chuBeasley('C', 10, 100, 3), 'min');
    const s = await solveWithHighs(p, { timeLimitSec: 10, maxHeapBytes: 1024 });
    expect(s.status).toBe('time_limit');
    expect(s.objective).toBeNull();
    expect(s.message).toMatch(/too large for HiGHS/);
    const again = await solveWithHighs(indexProblem(parseProblem(small)), { timeLimitSec: 10 });
    expect(again.status).toBe('optimal');
  });

  test('when the time limit is tiny on a hard instance, then the answer is feasible or time_limit and valid', async () => {
    const p = gapToProblem(chuBeasley('D', 20, 200, 11), 'min');
    const s = await solveWithHighs(p, { timeLimitSec: 0.2 });
    expect(['feasible', 'time_limit']).toContain(s.status);
    if (s.objective !== null) {
      const v = verifySolution(indexedToProblem(p), toSolution(p, s, 0));
      expect(v.errors).toEqual([]);
      expect(sameObjective(v.objective, s.objective)).toBe(true);
    }
  });
});
