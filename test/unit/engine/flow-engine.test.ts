import fc from 'fast-check';
import { parseProblem, type Problem, type ProblemInput } from '../../../src/engine/problem';
import { solve } from '../../../src/engine/solve';
import { sameObjective, verifySolution } from '../../../src/engine/verify';
import { bruteForceOptimum } from '../../support/brute-force';

async function solveFlow(input: ProblemInput) {
  const problem = parseProblem(input);
  const solution = await solve(problem, { solver: 'flow' });
  return { problem, solution };
}

function expectOptimal(problem: Problem, solution: Awaited<ReturnType<typeof solve>>): void {
  const verdict = verifySolution(problem, solution);
  expect(verdict.errors).toEqual([]);
  expect(solution.status).toBe('optimal');
  expect(sameObjective(solution.objective!, verdict.objective)).toBe(true);
  const best = bruteForceOptimum(problem);
  expect(best).not.toBeNull();
  expect(sameObjective(solution.objective!, best!)).toBe(true);
}

describe('flow engine', () => {
  it('when a task has no arcs and seats must be filled, then the answer is infeasible with the reason', async () => {
    const { solution } = await solveFlow({
      tasks: [{ id: 'c1' }, { id: 'c2' }],
      agents: [{ id: 'm1', capacity: 2 }],
      arcs: [{ task: 'c1', agent: 'm1', cost: 1 }],
    });
    expect(solution.status).toBe('infeasible');
    expect(solution.objective).toBeNull();
    expect(solution.message).toMatch(/"c2" needs 1 seat\(s\) but has 0 eligible/);
  });

  it('when a task has no arcs and unassignedCost is given, then it is left unassigned at that cost', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'c1' }, { id: 'c2' }],
      agents: [{ id: 'm1', capacity: 2 }],
      arcs: [{ task: 'c1', agent: 'm1', cost: 3 }],
      unassignedCost: 100,
    });
    expectOptimal(problem, solution);
    expect(solution.objective).toBe(103);
    expect(solution.unassigned).toEqual([{ task: 'c2', seats: 1 }]);
  });

  it('when an agent has zero capacity, then it is never used', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'c1' }],
      agents: [
        { id: 'm1', capacity: 0 },
        { id: 'm2', capacity: 1 },
      ],
      arcs: [
        { task: 'c1', agent: 'm1', cost: 1 },
        { task: 'c1', agent: 'm2', cost: 50 },
      ],
    });
    expectOptimal(problem, solution);
    expect(solution.assignments).toEqual([{ task: 'c1', agent: 'm2' }]);
  });

  it('when seats exceed eligible agents, then infeasible — or unfilled seats with unassignedCost', async () => {
    const base = {
      tasks: [{ id: 'c1', seats: 3 }],
      agents: [
        { id: 'm1', capacity: 5 },
        { id: 'm2', capacity: 5 },
      ],
      arcs: [
        { task: 'c1', agent: 'm1', cost: 1 },
        { task: 'c1', agent: 'm2', cost: 2 },
      ],
    };
    expect((await solveFlow(base)).solution.status).toBe('infeasible');
    const { problem, solution } = await solveFlow({ ...base, unassignedCost: 10 });
    expectOptimal(problem, solution);
    expect(solution.objective).toBe(13);
    expect(solution.unassigned).toEqual([{ task: 'c1', seats: 1 }]);
  });

  it('when the cheapest agent is contested, then the pair that is cheapest overall wins (augmenting path)', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'a' }, { id: 'b' }],
      agents: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      arcs: [
        { task: 'a', agent: 'x', cost: 1 },
        { task: 'a', agent: 'y', cost: 10 },
        { task: 'b', agent: 'x', cost: 2 },
        { task: 'b', agent: 'y', cost: 100 },
      ],
    });
    expectOptimal(problem, solution);
    expect(solution.objective).toBe(12);
  });

  it('when costs tie, then an optimal answer is still returned', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      agents: [
        { id: 'x', capacity: 2 },
        { id: 'y', capacity: 2 },
      ],
      arcs: ['a', 'b', 'c'].flatMap((t) => [
        { task: t, agent: 'x', cost: 5 },
        { task: t, agent: 'y', cost: 5 },
      ]),
    });
    expectOptimal(problem, solution);
  });

  it('when costs are negative or huge, then the optimum is exact', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'a' }, { id: 'b' }],
      agents: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      arcs: [
        { task: 'a', agent: 'x', cost: -1e12 },
        { task: 'a', agent: 'y', cost: 3 },
        { task: 'b', agent: 'x', cost: -5 },
        { task: 'b', agent: 'y', cost: 1e12 },
      ],
    });
    expectOptimal(problem, solution);
    expect(solution.objective).toBe(-2); // 3 + (−5) beats −1e12 + 1e12
  });

  it('when costs are fractional, then the optimum matches to 1e-9 relative', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      agents: [
        { id: 'x', capacity: 2 },
        { id: 'y', capacity: 1 },
      ],
      arcs: [
        { task: 'a', agent: 'x', cost: 0.1 },
        { task: 'a', agent: 'y', cost: 0.2 },
        { task: 'b', agent: 'x', cost: 0.7 },
        { task: 'b', agent: 'y', cost: 0.3 },
        { task: 'c', agent: 'x', cost: 1 / 3 },
        { task: 'c', agent: 'y', cost: 2 / 3 },
      ],
    });
    expectOptimal(problem, solution);
  });

  it('when loadCosts are convex, then the load is balanced exactly', async () => {
    const { problem, solution } = await solveFlow({
      tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id })),
      agents: [
        { id: 'x', capacity: 4, loadCosts: [0, 1, 5] },
        { id: 'y', capacity: 4, loadCosts: [0, 1, 5] },
      ],
      arcs: ['a', 'b', 'c', 'd'].flatMap((t) => [
        { task: t, agent: 'x', cost: 0 },
        { task: t, agent: 'y', cost: 0.5 },
      ]),
    });
    expectOptimal(problem, solution);
    expect(solution.objective).toBe(2 + 1); // two each: load terms 0+1 per agent, plus 2 × 0.5
  });

  it('when the sense is max, then the largest total is found', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'a' }, { id: 'b' }],
      agents: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 1 },
      ],
      arcs: [
        { task: 'a', agent: 'x', cost: 9 },
        { task: 'a', agent: 'y', cost: 8 },
        { task: 'b', agent: 'x', cost: 7 },
        { task: 'b', agent: 'y', cost: 1 },
      ],
      sense: 'max',
    });
    expectOptimal(problem, solution);
    expect(solution.objective).toBe(15);
  });

  it('when a task needs two seats, then it gets two distinct agents', async () => {
    const { problem, solution } = await solveFlow({
      tasks: [{ id: 'major', seats: 2 }, { id: 'b' }],
      agents: [
        { id: 'x', capacity: 1 },
        { id: 'y', capacity: 2 },
        { id: 'z', capacity: 1 },
      ],
      arcs: [
        { task: 'major', agent: 'x', cost: 1 },
        { task: 'major', agent: 'y', cost: 1 },
        { task: 'major', agent: 'z', cost: 9 },
        { task: 'b', agent: 'x', cost: 1 },
        { task: 'b', agent: 'y', cost: 5 },
      ],
    });
    expectOptimal(problem, solution);
  });

  it('when arcs come in any order, then the answer is the same optimum', async () => {
    const arcs = ['a', 'b', 'c', 'd'].flatMap((t, i) => [
      { task: t, agent: 'x', cost: 3 + i },
      { task: t, agent: 'y', cost: 9 - i },
      { task: t, agent: 'z', cost: 5 },
    ]);
    const base = { tasks: ['a', 'b', 'c', 'd'].map((id) => ({ id })), agents: ['x', 'y', 'z'].map((id) => ({ id, capacity: 2 })) };
    const grouped = await solveFlow({ ...base, arcs });
    const interleaved = await solveFlow({
      ...base,
      arcs: [...arcs].sort((p, q) => p.agent.localeCompare(q.agent) || q.task.localeCompare(p.task)),
    });
    expectOptimal(interleaved.problem, interleaved.solution);
    expect(interleaved.solution.objective).toBe(grouped.solution.objective);
  });

  it('on random small problems, then the answer is feasible and equals the exhaustive optimum', async () => {
    const instance = fc.record({
      tasks: fc.integer({ min: 1, max: 4 }),
      agents: fc.integer({ min: 1, max: 3 }),
      seed: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: -20, max: 40 })), { minLength: 12, maxLength: 12 }),
      capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
      seats: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 4, maxLength: 4 }),
      loadCosts: fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 })),
      unassignedCost: fc.option(fc.integer({ min: -5, max: 60 })),
      max: fc.boolean(),
      // Arc costs ÷ arcDiv and load-unit/unfilled costs ÷ extraDiv: integers, decimals the network
      // holds as scaled Int32 (the extras' decimals may set the scale, or the arcs'), and thirds
      // and sevenths, which it holds as doubles.
      arcDiv: fc.constantFrom(1, 10, 100, 7),
      extraDiv: fc.constantFrom(1, 2, 4, 3),
    });
    await fc.assert(
      fc.asyncProperty(instance, async (g) => {
        const sense = g.max ? 'max' : 'min';
        const lc = g.loadCosts ? [...g.loadCosts].sort((a, b) => (sense === 'min' ? a - b : b - a)).map((c) => c / g.extraDiv) : undefined;
        const input: ProblemInput = {
          tasks: Array.from({ length: g.tasks }, (_, t) => ({ id: `t${t}`, seats: g.seats[t]! })),
          agents: Array.from({ length: g.agents }, (_, a) => ({
            id: `a${a}`,
            capacity: g.capacities[a]!,
            ...(lc ? { loadCosts: lc } : {}),
          })),
          arcs: [],
          sense,
          ...(g.unassignedCost !== null ? { unassignedCost: g.unassignedCost / g.extraDiv } : {}),
        };
        for (let t = 0; t < g.tasks; t++) {
          for (let a = 0; a < g.agents; a++) {
            const [present, cost] = g.seed[t * 3 + a]!;
            if (present) input.arcs.push({ task: `t${t}`, agent: `a${a}`, cost: cost / g.arcDiv });
          }
        }
        const problem = parseProblem(input);
        const solution = await solve(problem, { solver: 'flow' });
        const best = bruteForceOptimum(problem);
        if (best === null) {
          expect(solution.status).toBe('infeasible');
          return;
        }
        const verdict = verifySolution(problem, solution);
        expect(verdict.errors).toEqual([]);
        expect(solution.status).toBe('optimal');
        expect(sameObjective(verdict.objective, solution.objective!)).toBe(true);
        expect(sameObjective(solution.objective!, best)).toBe(true);
      }),
      { numRuns: 400, seed: 20261127 },
    );
  });
});
