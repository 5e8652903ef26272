import fc from 'fast-check';
import { indexProblem } from '../../../src/engine/indexed';
import { parseProblem } from '../../../src/engine/problem';
import { solveMinCostFlow } from '../../../src/engine/solvers/flow/min-cost-flow';
import { buildFlowNetwork } from '../../../src/engine/solvers/flow/network';
import { TaskArcSorter } from '../../../src/engine/solvers/flow/task-arc-order';
import { solveWithHighs } from '../../../src/engine/solvers/mip/highs';
import { sameObjective } from '../../../src/engine/verify';

describe('sorting a task’s arcs', () => {
  it('when runs of any length are sorted, then each is in cost order, stable, and keeps its (cost, agent, arc) triples', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 300 }), { minLength: 1, maxLength: 6 }), (runs) => {
        const arcs = runs.flatMap((costs, t) => costs.map((cost, k) => ({ task: `t${t}`, agent: `a${k}`, cost })));
        const p = indexProblem(
          parseProblem({
            tasks: runs.map((_, t) => ({ id: `t${t}` })),
            agents: Array.from({ length: 300 }, (_, k) => ({ id: `a${k}`, capacity: 1 })),
            arcs,
            unassignedCost: 1,
          }),
        );
        const net = buildFlowNetwork(p);
        const sorter = new TaskArcSorter(net);
        for (let t = 0; t < runs.length; t++) sorter.sort(t);
        for (let t = 0; t < runs.length; t++) {
          const from = net.taskStart[t]!;
          const to = net.taskStart[t + 1]!;
          const seen = [];
          for (let j = from; j < to; j++) {
            const e = net.arcOrder[j]!;
            expect(net.positionCost[j]).toBe(p.arcCost[e]);
            expect(net.positionAgent[j]).toBe(p.arcAgent[e]);
            if (j > from) {
              expect(net.positionCost[j - 1]!).toBeLessThanOrEqual(net.positionCost[j]!);
              if (net.positionCost[j - 1] === net.positionCost[j]) expect(net.arcOrder[j - 1]!).toBeLessThan(e); // stable
            }
            seen.push(e);
          }
          expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: to - from }, (_, k) => from + k));
        }
      }),
      { numRuns: 60, seed: 99 },
    );
  });

  it('when a dense assignment has long runs (merge-sorted), then the engine matches HiGHS', async () => {
    let s = 7;
    const rand = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
    const n = 72; // runs of 72 arcs: past the insertion-sort limit
    const input = {
      tasks: Array.from({ length: n }, (_, t) => ({ id: `t${t}` })),
      agents: Array.from({ length: n }, (_, a) => ({ id: `a${a}`, capacity: 1 })),
      arcs: Array.from({ length: n * n }, (_, k) => ({
        task: `t${Math.floor(k / n)}`,
        agent: `a${k % n}`,
        cost: 1 + Math.floor(rand() * 100),
      })),
    };
    const p = indexProblem(parseProblem(input));
    const ours = solveMinCostFlow(p);
    const reference = await solveWithHighs(p, { timeLimitSec: 60 });
    expect(reference.status).toBe('optimal');
    expect(ours.status).toBe('optimal');
    expect(sameObjective(ours.objective!, reference.objective!)).toBe(true);
  });
});
