import { join } from 'node:path';
import fc from 'fast-check';
import { generateProvinceInstance } from '../../../benchmarks/lib/province-instance';
import { checkIndexed } from '../../../benchmarks/lib/baselines';
import { indexProblem, toSolution, type IndexedProblem, type IndexedSolution } from '../../../src/engine/indexed';
import { parseProblem, type ProblemInput } from '../../../src/engine/problem';
import { FlowThread } from '../../../src/runtime/flow-thread';
import { solveUnitLoadFlow } from '../../../src/engine/solvers/flow/min-cost-flow';
import { SharedArena } from '../../../src/engine/solvers/flow/shared-arena';
import { solveUnitLoadFlowThreaded } from '../../../src/engine/solvers/flow/threaded-flow';
import type { PortableNetwork } from '../../../src/engine/solvers/flow/shared-network';
import type { RoutingJob, RoutingOutcome } from '../../../src/engine/solvers/flow/route-share';
import { solveWithLpSolver } from '../../support/lp-reference';
import { sameObjective, verifySolution } from '../../../src/engine/verify';
import { TS_THREAD_ARGV } from '../../support/service';

/** Counts the solves the worker thread was asked to help with, so a test knows it really took part. */
class CountingThread extends FlowThread {
  shares = 0;
  override route(network: PortableNetwork, job: RoutingJob): Promise<RoutingOutcome> {
    this.shares++;
    return super.route(network, job);
  }
}

/** A thread that always fails, as a crashed worker would. */
class BrokenThread extends FlowThread {
  override route(): Promise<RoutingOutcome> {
    return Promise.reject(new Error('worker thread crashed'));
  }
}

// From the TypeScript sources, with the loader the test suite gives its other threads.
const thread = new CountingThread({ filename: join(__dirname, '../../../workers/flow-router-thread.ts'), execArgv: TS_THREAD_ARGV });
afterAll(() => thread.close());

/** `blocks` independent random problems side by side: each block's tasks see only its own agents. */
function blocksInput(blocks: number, seed: number, max: boolean, unassignedCost: number | null): ProblemInput {
  let s = seed;
  const rand = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const tasks: { id: string; seats: number }[] = [];
  const agents: { id: string; capacity: number; loadCosts?: number[] }[] = [];
  const arcs: { task: string; agent: string; cost: number }[] = [];
  for (let b = 0; b < blocks; b++) {
    const t0 = tasks.length;
    const a0 = agents.length;
    const n = 4 + Math.floor(rand() * 6);
    const m = 2 + Math.floor(rand() * 3);
    for (let t = 0; t < n; t++) tasks.push({ id: `b${b}t${t}`, seats: rand() < 0.15 ? 2 : 1 });
    for (let a = 0; a < m; a++)
      agents.push({
        id: `b${b}a${a}`,
        capacity: Math.ceil(n / m) + Math.floor(rand() * 3) - 1,
        ...(rand() < 0.5 ? { loadCosts: max ? [3, 1, 0, -2] : [0, 1, 3, 6] } : {}),
      });
    for (let t = t0; t < tasks.length; t++) {
      for (let a = a0; a < agents.length; a++)
        if (rand() < 0.7) arcs.push({ task: tasks[t]!.id, agent: agents[a]!.id, cost: Math.round(rand() * 40) - 5 });
    }
  }
  // Arcs in any order: components must not rely on a task's arcs coming together.
  for (let i = arcs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [arcs[i], arcs[j]] = [arcs[j]!, arcs[i]!];
  }
  return {
    tasks,
    agents,
    arcs,
    sense: max ? 'max' : 'min',
    ...(unassignedCost !== null ? { unassignedCost: max ? -unassignedCost : unassignedCost } : {}),
  };
}

function expectChecked(p: IndexedProblem, s: IndexedSolution): void {
  const verdict = checkIndexed(p, s);
  expect(verdict.errors).toEqual([]);
  expect(sameObjective(verdict.objective, s.objective!)).toBe(true);
}

describe('flow engine on two threads', () => {
  it('when a province is split between threads, then the answer is feasible and as good as one thread’s', async () => {
    const { problem } = generateProvinceInstance({ seed: 3, cases: 4000, mediators: 6 * 400, counties: 6, loadCosts: true });
    const before = thread.shares;
    const threaded = await solveUnitLoadFlowThreaded(problem, thread);
    expect(thread.shares).toBe(before + 1);
    expect(threaded.status).toBe('optimal');
    expectChecked(problem, threaded);
    const single = solveUnitLoadFlow(problem);
    expect(sameObjective(threaded.objective!, single.objective!)).toBe(true);
  });

  it('when independent blocks are solved on two threads, then the objective is the sum of each block’s MIP optimum', async () => {
    let checked = 0;
    const sharesBefore = thread.shares;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 10, max: 60 })),
        async (blocks, seed, max, unassignedCost) => {
          const problem = parseProblem(blocksInput(blocks, seed, max, unassignedCost));
          const indexed = indexProblem(problem);
          const ours = await solveUnitLoadFlowThreaded(indexed, thread);
          const reference = solveWithLpSolver(indexed);
          expect(ours.status === 'infeasible').toBe(reference.status === 'infeasible');
          if (ours.status === 'infeasible') return;
          const verdict = verifySolution(problem, toSolution(indexed, ours, 0));
          expect(verdict.errors).toEqual([]);
          expect(sameObjective(ours.objective!, reference.objective!)).toBe(true);
          checked++;
        },
      ),
      { numRuns: 40, seed: 7 },
    );
    expect(checked).toBeGreaterThan(15);
    expect(thread.shares - sharesBefore).toBeGreaterThan(20); // most draws really were split
  });

  it('when one block cannot fill its seats, then the whole problem is infeasible and the message names its task', async () => {
    // Enough capacity overall (so no pre-check catches it), but block b's three tasks share two places.
    // (Capacity counts only as far as an agent's arcs reach, so block a has two agents.)
    const arcs = ['a0', 'a1', 'a2']
      .flatMap((task) => ['A', 'A2'].map((agent) => ({ task, agent, cost: 1 })))
      .concat(['b0', 'b1', 'b2'].flatMap((task) => ['B1', 'B2'].map((agent) => ({ task, agent, cost: 2 }))));
    const input: ProblemInput = {
      tasks: ['a0', 'a1', 'a2', 'b0', 'b1', 'b2'].map((id) => ({ id, seats: 1 })),
      agents: [
        { id: 'A', capacity: 6 },
        { id: 'A2', capacity: 3 },
        { id: 'B1', capacity: 1 },
        { id: 'B2', capacity: 1 },
      ],
      arcs,
    };
    const indexed = indexProblem(parseProblem(input));
    const before = thread.shares;
    const s = await solveUnitLoadFlowThreaded(indexed, thread);
    expect(thread.shares).toBe(before + 1);
    expect(s.status).toBe('infeasible');
    expect(s.message).toMatch(/task "b\d" cannot fill seat 1/);
  });

  it('when the worker thread fails, then the problem is solved on this thread instead', async () => {
    const { problem } = generateProvinceInstance({ seed: 5, cases: 2000, mediators: 4 * 400, counties: 4 });
    const s = await solveUnitLoadFlowThreaded(problem, new BrokenThread());
    expect(s.status).toBe('optimal');
    expectChecked(problem, s);
    expect(sameObjective(s.objective!, solveUnitLoadFlow(problem).objective!)).toBe(true);
  });

  it('when two threaded solves overlap, then both are right and the shared memory is reused, not grown', async () => {
    const arena = new SharedArena();
    const a = generateProvinceInstance({ seed: 6, cases: 2000, mediators: 4 * 400, counties: 4 }).problem;
    const b = generateProvinceInstance({ seed: 8, cases: 2000, mediators: 4 * 400, counties: 4 }).problem;
    const [sa, sb] = await Promise.all([solveUnitLoadFlowThreaded(a, thread, arena), solveUnitLoadFlowThreaded(b, thread, arena)]);
    expectChecked(a, sa);
    expectChecked(b, sb);
    const held = arena.bytes;
    expect(held).toBeGreaterThan(0);
    const again = await solveUnitLoadFlowThreaded(a, thread, arena);
    expect(again.objective).toBe(sa.objective);
    expect(arena.bytes).toBe(held);
  });

  it('when the problem is one component, then no share goes to the worker', async () => {
    const indexed = indexProblem(parseProblem(blocksInput(1, 5, false, 30)));
    const before = thread.shares;
    const s = await solveUnitLoadFlowThreaded(indexed, thread);
    expect(thread.shares).toBe(before);
    expect(s.status).toBe('optimal');
  });
});
