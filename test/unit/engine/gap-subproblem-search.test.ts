import { toMinForm } from '../../../src/engine/solvers/mip/min-form';
import { seededRng } from '../../../src/domain/random';
import { fitsSubproblemSearch, subproblemSearch } from '../../../src/engine/solvers/mip/subproblem-search';
import { chuBeasley, gapToProblem } from '../../../benchmarks/lib/gap-instances';
import { expectImprovedAndVerified, typeDStart } from '../../support/gap-start';

describe('subproblemSearch (classic GAP)', () => {
  test('when started from a repaired greedy assignment of a type D instance, then it returns a cheaper verified feasible one above the bound', () => {
    const { p, f, mu, bound, start } = typeDStart(8, 80);
    expect(fitsSubproblemSearch(f)).toBe(true);
    const out = subproblemSearch(f, start, {
      deadlineMs: performance.now() + 1000,
      rng: seededRng(7),
      target: -Infinity,
      minAgents: 2,
      maxAgents: 4,
      mu,
      width: 3,
    });
    expectImprovedAndVerified(p, f, start, out, bound);
  });

  test('when loads are fractional, a task needs two seats or seats may stay unfilled, then the search does not apply', () => {
    const p = gapToProblem(chuBeasley('D', 3, 10, 1), 'min');
    expect(fitsSubproblemSearch(toMinForm({ ...p, arcLoad: p.arcLoad.map((x) => x + 0.5) }))).toBe(false);
    expect(fitsSubproblemSearch(toMinForm({ ...p, seats: Int32Array.from(p.seats, (x, t) => (t === 0 ? 2 : x)) }))).toBe(false);
    expect(fitsSubproblemSearch(toMinForm({ ...p, unassignedCost: 500 }))).toBe(false);
  });
});
