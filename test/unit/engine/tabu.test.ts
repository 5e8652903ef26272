import { toMinForm } from '../../../src/engine/solvers/mip/min-form';
import { seededRng } from '../../../src/domain/random';
import { fitsTabu, tabuSearch } from '../../../src/engine/solvers/mip/tabu';
import { chuBeasley, gapToProblem } from '../../../benchmarks/lib/gap-instances';
import { expectImprovedAndVerified, typeDStart } from '../../support/gap-start';

describe('tabuSearch (classic GAP)', () => {
  test('when started from a repaired greedy assignment of a type D instance, then it returns a cheaper verified feasible one', () => {
    const { p, f, mu, bound, start } = typeDStart(5, 40);
    expect(fitsTabu(f)).toBe(true);
    const out = tabuSearch(f, start, {
      deadlineMs: performance.now() + 1000,
      rng: seededRng(7),
      mu,
      width: 5,
      target: -Infinity,
      tenure: 3,
      penaltyStep: 1.2,
      patience: 2000,
    });
    expectImprovedAndVerified(p, f, start, out, bound);
  });

  test('when a task needs two seats, allows leaving seats unfilled or has load costs, then the tabu search does not apply', () => {
    const p = gapToProblem(chuBeasley('D', 3, 10, 1), 'min');
    expect(fitsTabu(toMinForm({ ...p, seats: Int32Array.from(p.seats, (x, t) => (t === 0 ? 2 : x)) }))).toBe(false);
    expect(fitsTabu(toMinForm({ ...p, unassignedCost: 500 }))).toBe(false);
    expect(fitsTabu(toMinForm({ ...p, loadCosts: p.loadCosts.map(() => Float64Array.from([0, 1])) }))).toBe(false);
  });
});
