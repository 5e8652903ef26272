import { generateProvinceInstance } from '../../../benchmarks/lib/province-instance';
import { checkIndexed } from '../../../benchmarks/lib/baselines';
import { solveGreedy } from '../../../benchmarks/lib/greedy';

describe('province instance generator', () => {
  const small = generateProvinceInstance({ seed: 5, cases: 4000, mediators: 5000, counties: 9 });
  const { problem: p } = small;

  it('when generated, then every case has exactly its 40 arcs, to distinct mediators of its own county', () => {
    expect(p.arcTask.length).toBe(4000 * 40);
    const count = new Int32Array(p.taskIds.length);
    const bad: number[] = [];
    for (let t = 0, i = 0; t < p.taskIds.length; t++) {
      const seen = new Set<number>();
      const c = small.countyOfTask[t]!;
      for (; i < p.arcTask.length && p.arcTask[i] === t; i++) {
        const a = p.arcAgent[i]!;
        if (seen.has(a) || a < small.countyAgentStart[c]! || a >= small.countyAgentStart[c + 1]!) bad.push(i);
        seen.add(a);
        count[t]!++;
      }
    }
    expect(bad).toEqual([]);
    expect(count.every((k) => k === 40)).toBe(true);
  });

  it('when generated, then mediators sum to the requested count and costs are finite km to 0.1', () => {
    expect(p.agentIds).toHaveLength(5000);
    expect(small.countyAgentStart[9]).toBe(5000);
    expect(p.arcCost.every((c) => c >= 0 && c < 300 && Math.abs(c * 10 - Math.round(c * 10)) < 1e-9)).toBe(true);
    expect(p.unassignedCost).toBe(1000);
  });

  it('when the same seed is used twice, then the arrays are identical', () => {
    const again = generateProvinceInstance({ seed: 5, cases: 4000, mediators: 5000, counties: 9 }).problem;
    expect(again.arcAgent).toEqual(p.arcAgent);
    expect(again.arcCost).toEqual(p.arcCost);
    expect(again.capacity).toEqual(p.capacity);
  });

  it('when a dispatcher answer is checked on the typed arrays, then it is feasible with the same objective', () => {
    const s = solveGreedy(p);
    const verdict = checkIndexed(p, s);
    expect(verdict.errors).toEqual([]);
    expect(verdict.objective).toBeCloseTo(s.objective!, 6);
  });

  // The full province (100,000 × 50,000, 4 M arcs) takes ~30 s to build here; `npm run bench:ortools`
  // builds it and prints its arc count. A fifth of it checks the same sizing rule.
  it('when built at a fifth of the province, then it has 20,000 cases, 10,000 mediators and 800,000 arcs', () => {
    const fifth = generateProvinceInstance({ cases: 20_000, mediators: 10_000, counties: 18 }).problem;
    expect(fifth.taskIds).toHaveLength(20_000);
    expect(fifth.agentIds).toHaveLength(10_000);
    expect(fifth.arcTask).toHaveLength(800_000);
    expect(fifth.arcTask[fifth.arcTask.length - 1]).toBe(19_999);
  });
});
