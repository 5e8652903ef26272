import fc from 'fast-check';
import { COLUMNAR_FORMAT, parseColumnarProblem, toColumnar } from '../../../src/engine/columnar';
import { indexProblem } from '../../../src/engine/indexed';
import { parseJsonBytes } from '../../../src/engine/json-bytes';
import { parseProblem, ProblemValidationError, type ProblemInput } from '../../../src/engine/problem';
import { solve } from '../../../src/engine/solve';

const v1: ProblemInput = {
  tasks: [{ id: 'c1' }, { id: 'c2', seats: 2 }],
  agents: [
    { id: 'm1', capacity: 2 },
    { id: 'm2', capacity: 1 },
    { id: 'm3', capacity: 1, loadCosts: [0, 2] },
  ],
  arcs: [
    { task: 'c1', agent: 'm1', cost: 3 },
    { task: 'c2', agent: 'm1', cost: 1.5 },
    { task: 'c2', agent: 'm2', cost: 4 },
    { task: 'c2', agent: 'm3', cost: 2 },
  ],
  unassignedCost: 100,
};

const columnar = {
  format: COLUMNAR_FORMAT,
  tasks: { id: ['c1', 'c2'], seats: [1, 2] },
  agents: { id: ['m1', 'm2', 'm3'], capacity: [2, 1, 1], loadCosts: [null, null, [0, 2]] },
  arcs: { task: [0, 1, 1, 1], agent: [0, 0, 1, 2], cost: [3, 1.5, 4, 2] },
  unassignedCost: 100,
};

/** The error a bad input throws, for its issues. */
function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseColumnarProblem(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemValidationError);
    return [...(err as ProblemValidationError).issues];
  }
  throw new Error('expected a validation error');
}

/** A small random v1 problem (unique ids, unique pairs). */
const smallProblem = fc
  .record({
    tasks: fc.integer({ min: 1, max: 6 }),
    agents: fc.integer({ min: 1, max: 5 }),
    arcs: fc.array(fc.tuple(fc.nat(5), fc.nat(4), fc.integer({ min: -500, max: 500 })), { maxLength: 20 }),
    seats: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 6, maxLength: 6 }),
    capacity: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }),
    sense: fc.constantFrom('min' as const, 'max' as const),
  })
  .map(({ tasks, agents, arcs, seats, capacity, sense }): ProblemInput => {
    const seen = new Set<string>();
    const kept = arcs.filter(([t, a]) => t < tasks && a < agents && !seen.has(`${t}/${a}`) && seen.add(`${t}/${a}`));
    return {
      tasks: Array.from({ length: tasks }, (_, t) => ({ id: `t${t}`, seats: seats[t]! })),
      agents: Array.from({ length: agents }, (_, a) => ({ id: `a${a}`, capacity: capacity[a]! })),
      arcs: kept.map(([t, a, c]) => ({ task: `t${t}`, agent: `a${a}`, cost: c / 10 })),
      sense,
      unassignedCost: sense === 'min' ? 50 : -50,
    };
  });

describe('columnar problem form', () => {
  it('when given the columnar form of a v1 problem, then its index form is the same', () => {
    expect(parseColumnarProblem(columnar)).toEqual(indexProblem(parseProblem(v1)));
  });

  it('when a v1 problem goes to columnar, through JSON text and the byte reader, then both forms solve to the same answer', async () => {
    await fc.assert(
      fc.asyncProperty(smallProblem, async (input) => {
        const problem = parseProblem(input);
        const text = JSON.stringify(toColumnar(problem));
        const read = parseJsonBytes(Buffer.from(text));
        expect(parseColumnarProblem(read)).toEqual(indexProblem(problem));
        const [a, b] = await Promise.all([solve(input, { threads: false }), solve(read, { threads: false })]);
        expect({ ...b, solveMs: 0 }).toEqual({ ...a, solveMs: 0 });
      }),
      { numRuns: 60 },
    );
  });

  it('when the format tag is unknown, then the error names the format field', () => {
    expect(issuesOf({ ...columnar, format: 'tiaojie.problem.columnar/9' })[0]?.path).toBe('format');
  });

  it('when an arc names a task index out of range, then the error names the field, the index and the range', () => {
    const issues = issuesOf({ ...columnar, arcs: { ...columnar.arcs, task: [0, 1, 7, 1] } });
    expect(issues).toEqual([{ path: 'arcs.task[2]', message: 'must be an index into tasks.id (an integer 0..1)' }]);
  });

  it('when columns differ in length, then the error says which and by how much', () => {
    const issues = issuesOf({ ...columnar, arcs: { ...columnar.arcs, cost: [3, 1.5, 4] } });
    expect(issues).toEqual([{ path: 'arcs.cost', message: 'has 3 entries but arcs.task has 4' }]);
  });

  it('when entries are not finite numbers, seats are not whole or capacity is negative, then each is named by index', () => {
    const issues = issuesOf({
      ...columnar,
      tasks: { ...columnar.tasks, seats: [1, 1.5] },
      agents: { ...columnar.agents, capacity: [2, -1, 1] },
      arcs: { ...columnar.arcs, cost: [3, 'x', 4, null] },
    });
    expect(issues).toEqual([
      { path: 'tasks.seats[1]', message: 'must be an integer >= 1' },
      { path: 'agents.capacity[1]', message: 'must be >= 0' },
      { path: 'arcs.cost[1]', message: 'must be a finite number' },
      { path: 'arcs.cost[3]', message: 'must be a finite number' },
    ]);
  });

  it('when the byte reader gives typed columns with a bad entry, then the error still names its index', () => {
    const read = parseJsonBytes(Buffer.from(JSON.stringify({ ...columnar, arcs: { ...columnar.arcs, agent: [0, 0, 3, 2] } })));
    expect(issuesOf(read)).toEqual([{ path: 'arcs.agent[2]', message: 'must be an index into agents.id (an integer 0..2)' }]);
  });

  it('when ids repeat or an arc repeats a pair, then the duplicate is named', () => {
    expect(issuesOf({ ...columnar, agents: { ...columnar.agents, id: ['m1', 'm2', 'm1'] } })).toEqual([
      { path: 'agents.id[2]', message: 'duplicate id "m1"' },
    ]);
    expect(issuesOf({ ...columnar, arcs: { ...columnar.arcs, agent: [0, 2, 1, 2] } })).toEqual([
      { path: 'arcs[3]', message: 'duplicate arc for task 1 and agent 2' },
    ]);
  });

  it('when loadCosts decrease under sense min, or a column is missing, then the error names it', () => {
    const lc = issuesOf({ ...columnar, agents: { ...columnar.agents, loadCosts: [null, null, [2, 0]] } });
    expect(lc).toEqual([{ path: 'agents.loadCosts[2][1]', message: 'loadCosts must be non-decreasing' }]);
    const missing = issuesOf({ ...columnar, arcs: { task: [0], agent: [0] } });
    expect(missing[0]?.path).toBe('arcs.cost');
  });

  it('when a column is far too long to list every bad entry, then only the first 20 are reported', () => {
    const issues = issuesOf({
      ...columnar,
      arcs: { task: new Array(1000).fill(9), agent: new Array(1000).fill(0), cost: new Array(1000).fill(1) },
    });
    expect(issues).toHaveLength(20);
  });
});
