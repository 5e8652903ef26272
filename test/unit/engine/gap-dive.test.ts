import fc from 'fast-check';
import { toSolution } from '../../../src/engine/indexed';
import { coreProblem } from '../../../src/engine/solvers/mip/core-problem';
import { diveSearch, fitsDiveSearch } from '../../../src/engine/solvers/mip/dive-search';
import { GapState } from '../../../src/engine/solvers/mip/gap-state';
import { proven } from '../../../src/engine/solvers/mip/heuristics';
import { lagrangianDive } from '../../../src/engine/solvers/mip/lagrangian-dive';
import { maximiseLagrangian } from '../../../src/engine/solvers/mip/lagrangian';
import { objectiveOf, toMinForm } from '../../../src/engine/solvers/mip/min-form';
import { seededRng } from '../../../src/domain/random';
import { ascend, SeatRelaxation, warmStart } from '../../../src/engine/solvers/mip/seat-relaxation';
import { solveWithLpSolver } from '../../support/lp-reference';
import { verifySolution } from '../../../src/engine/verify';
import { chuBeasley, gapToProblem, indexedToProblem, type GapInstance } from '../../../benchmarks/lib/gap-instances';
import { expectImprovedAndVerified, typeDStart } from '../../support/gap-start';

describe('lagrangianDive (knapsack relaxation)', () => {
  test('when a type D relaxation is dived from its root multipliers, then it returns a verified assignment above the bound and leaves the relaxation as it was', () => {
    const { p, f, mu } = typeDStart(8, 80);
    const r = new SeatRelaxation(f);
    warmStart(r, mu);
    const bound = ascend(r, {
      maxIterations: 300,
      theta: 0.1,
      patience: 10,
      upper: Infinity,
      enough: () => false,
      deadlineMs: performance.now() + 5000,
    });
    const rootLambda = r.lambda.slice();
    const out = lagrangianDive(r, rootLambda, { deadlineMs: performance.now() + 5000, rng: seededRng(3), stepTarget: bound * 1.005 });
    expect(out.steps).toBeGreaterThan(0);
    expect(out.best).not.toBeNull();
    const s = new GapState(f);
    s.setSlots(out.best!.slots);
    expect(s.feasible()).toBe(true);
    expect(objectiveOf(p, s.chosenArcs(), s.unfilled())).toBeCloseTo(out.best!.cost, 9);
    const v = verifySolution(
      indexedToProblem(p),
      toSolution(
        p,
        { status: 'feasible', objective: out.best!.cost, bound: null, chosenArcs: s.chosenArcs(), unfilled: s.unfilled(), solver: 'test' },
        0,
      ),
    );
    expect(v.errors).toEqual([]);
    expect(out.best!.cost).toBeGreaterThanOrEqual(bound - 1e-6);
    expect(Array.from(r.arcState).every((x) => x === 0)).toBe(true);
    expect(Array.from(r.lambda)).toEqual(Array.from(rootLambda));
  });
});

describe('coreProblem', () => {
  test('when a type D GAP is cut to 3 arcs a task, then each task keeps its 3 arcs of least reduced cost and every core arc maps back to the same arc', () => {
    const { p, f, mu } = typeDStart(8, 80);
    const core = coreProblem(f, mu, 3);
    const reduced = (a: number): number => f.cost[a]! + mu[p.arcAgent[a]!]! * p.arcLoad[a]!;
    for (let t = 0; t < p.taskIds.length; t++) {
      const kept = Array.from(core.f.taskArcs.subarray(core.f.taskStart[t], core.f.taskStart[t + 1]), (a) => core.arcs[a]!);
      expect(kept).toHaveLength(3);
      const all = Array.from(f.taskArcs.subarray(f.taskStart[t], f.taskStart[t + 1]))
        .map(reduced)
        .sort((x, y) => x - y);
      expect(Math.max(...kept.map(reduced))).toBeLessThanOrEqual(all[2]! + 1e-9);
    }
    core.arcs.forEach((a, k) => {
      expect(core.f.p.arcTask[k]).toBe(p.arcTask[a]);
      expect(core.f.p.arcAgent[k]).toBe(p.arcAgent[a]);
      expect(core.f.cost[k]).toBe(f.cost[a]);
      expect(core.f.p.arcLoad[k]).toBe(p.arcLoad[a]);
    });
  });
});

describe('diveSearch (classic GAP)', () => {
  test("when started from a repaired greedy assignment of a type D instance, then it returns a cheaper verified one and a bound at least the capacity relaxation's", () => {
    const { p, f, mu, bound, start } = typeDStart(8, 80);
    expect(fitsDiveSearch(f)).toBe(true);
    const out = diveSearch(f, {
      deadlineMs: performance.now() + 1500,
      rng: seededRng(5),
      mu,
      lower: bound,
      start,
      proven: (b, lb) => proven(f, b, lb),
    });
    expect(out.lowerMin).toBeGreaterThanOrEqual(bound);
    expectImprovedAndVerified(p, f, start, out.best!, out.lowerMin);
  });

  test('when the incumbent is within the hand-over gap once its time has come, then it stops diving long before the deadline, with a verified assignment', () => {
    const { p, f, mu, bound, start } = typeDStart(8, 80);
    const t = performance.now();
    // A greedy start is a few % above the bound: a 100% gap hands over at once, after the start's polish.
    const out = diveSearch(f, {
      deadlineMs: t + 60_000,
      rng: seededRng(5),
      mu,
      lower: bound,
      start,
      proven: (b, lb) => proven(f, b, lb),
      handOver: { gap: 1, after: t },
    });
    expect(performance.now() - t).toBeLessThan(30_000);
    expectImprovedAndVerified(p, f, start, out.best!, out.lowerMin);
  });

  test('when loads are fractional, a task needs two seats or seats may stay unfilled, then the dive search does not apply', () => {
    const p = gapToProblem(chuBeasley('D', 3, 10, 1), 'min');
    expect(fitsDiveSearch(toMinForm({ ...p, arcLoad: p.arcLoad.map((x) => x + 0.5) }))).toBe(false);
    expect(fitsDiveSearch(toMinForm({ ...p, seats: Int32Array.from(p.seats, (x, t) => (t === 0 ? 2 : x)) }))).toBe(false);
    expect(fitsDiveSearch(toMinForm({ ...p, unassignedCost: 500 }))).toBe(false);
  });

  // Small random classic GAPs against javascript-lp-solver (an independent exact MIP): the
  // answer must be feasible and never below the optimum, and the bound never above it.
  const gapArb = fc.record({
    m: fc.integer({ min: 2, max: 4 }),
    n: fc.integer({ min: 3, max: 9 }),
    tight: fc.double({ min: 0.9, max: 1.6, noNaN: true }),
    values: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 72, maxLength: 72 }),
  });
  test('when random small classic GAPs are searched, then every answer is feasible, at least the optimum, and the bound at most the optimum', () => {
    fc.assert(
      fc.property(gapArb, ({ m, n, tight, values }) => {
        const cost = new Float64Array(m * n);
        const load = new Float64Array(m * n);
        for (let k = 0; k < m * n; k++) {
          load[k] = 1 + (values[k % values.length]! % 9);
          cost[k] = 111 - 2 * load[k]! + (values[(k * 7 + 3) % values.length]! % 11);
        }
        const capacity = Float64Array.from({ length: m }, (_, i) => {
          let sum = 0;
          for (let j = 0; j < n; j++) sum += load[i * n + j]!;
          return Math.floor((tight * sum) / m);
        });
        const g: GapInstance = { name: 'prop', m, n, cost, load, capacity };
        const p = gapToProblem(g, 'min');
        const f = toMinForm(p);
        const lr = maximiseLagrangian(f, {
          deadlineMs: performance.now() + 200,
          maxIterations: 100,
          heuristicEvery: 1_000_000,
          upper: () => Infinity,
          onMultipliers: () => undefined,
          closes: () => false,
        });
        const out = diveSearch(f, {
          deadlineMs: performance.now() + 40,
          rng: seededRng(values[0]!),
          mu: lr.mu,
          lower: lr.bound,
          start: null,
          proven: (b, lb) => proven(f, b, lb),
        });
        const ref = solveWithLpSolver(p);
        if (ref.objective === null) {
          expect(out.best).toBeNull();
          return;
        }
        expect(out.lowerMin).toBeLessThanOrEqual(ref.objective + 1e-6);
        if (!out.best) return;
        const s = new GapState(f);
        s.setSlots(out.best.slots);
        const v = verifySolution(
          indexedToProblem(p),
          toSolution(
            p,
            {
              status: 'feasible',
              objective: out.best.cost,
              bound: null,
              chosenArcs: s.chosenArcs(),
              unfilled: s.unfilled(),
              solver: 'test',
            },
            0,
          ),
        );
        expect(v.errors).toEqual([]);
        expect(v.objective).toBeCloseTo(out.best.cost, 9);
        expect(out.best.cost).toBeGreaterThanOrEqual(ref.objective - 1e-6);
      }),
      { numRuns: 60 },
    );
  });
});
