import {
  COST,
  ORGANISATIONS,
  generateCountyInstance,
  toV1Problem,
  type CaseInfo,
  type Mediator,
} from '../../../benchmarks/lib/county-instance';
import { indexProblem, toSolution } from '../../../src/engine/indexed';
import { parseProblem } from '../../../src/engine/problem';
import { solveIndexed } from '../../../src/engine/solve';
import { verifySolution } from '../../../src/engine/verify';

/** The centre's rule, restated here independently of the generator. */
function allowed(m: Mediator, c: CaseInfo): boolean {
  if (m.tier === 'gold') return true;
  if (c.cls === 'ordinary') return m.tier === 'village' && m.township === c.township;
  return m.tier === 'industry' && ORGANISATIONS[m.org]!.covers.includes(c.category);
}

describe('county instance generator', () => {
  const inst = generateCountyInstance({ n: 500, seed: 3 });
  const { problem: p, cases, model } = inst;

  it('when generated, then the pool has 185 industry in 9 organisations, 355 village in 8 townships / 123 villages, 15 gold', () => {
    const tiers = model.mediators.map((m) => m.tier);
    expect(tiers.filter((t) => t === 'industry')).toHaveLength(185);
    expect(tiers.filter((t) => t === 'village')).toHaveLength(355);
    expect(tiers.filter((t) => t === 'gold')).toHaveLength(15);
    expect(p.agentIds).toHaveLength(555);
    ORGANISATIONS.forEach((o, i) => expect(model.mediators.filter((m) => m.org === i)).toHaveLength(o.size));
    const villages = new Set(model.mediators.filter((m) => m.tier === 'village').map((m) => m.village));
    const townships = new Set(model.mediators.filter((m) => m.tier === 'village').map((m) => m.township));
    expect(villages.size).toBe(123);
    expect(townships.size).toBe(8);
  });

  it('when generated, then every arc is allowed by tier, township and expertise, and every allowed pair has an arc', () => {
    const perTask = new Int32Array(cases.length);
    const forbidden: number[] = [];
    for (let i = 0; i < p.arcTask.length; i++) {
      if (!allowed(model.mediators[p.arcAgent[i]!]!, cases[p.arcTask[i]!]!)) forbidden.push(i);
      perTask[p.arcTask[i]!]!++;
    }
    expect(forbidden).toEqual([]);
    expect(Array.from(perTask)).toEqual(cases.map((c) => model.mediators.filter((m) => allowed(m, c)).length));
  });

  it('when generated, then costs are road distance plus mismatch plus the gold premium, in km to 0.1', () => {
    const wrong: number[] = [];
    for (let i = 0; i < p.arcTask.length; i++) {
      const c = cases[p.arcTask[i]!]!;
      const m = model.mediators[p.arcAgent[i]!]!;
      const km = COST.roadFactor * Math.hypot(m.x - c.x, m.y - c.y);
      const mismatch = (m.skills >> c.category) & 1 ? 0 : COST.mismatch;
      const premium = m.tier === 'gold' && c.cls !== 'major' ? COST.goldPremium : 0;
      const tenths = p.arcCost[i]! * 10;
      if (Math.abs(p.arcCost[i]! - (km + mismatch + premium)) > 0.05 + 1e-9 || Math.abs(tenths - Math.round(tenths)) > 1e-9) wrong.push(i);
    }
    expect(wrong).toEqual([]);
  });

  it('when generated, then major cases need two mediators and the class mix is mostly ordinary', () => {
    cases.forEach((c, t) => expect(p.seats[t]).toBe(c.cls === 'major' ? 2 : 1));
    const ordinary = cases.filter((c) => c.cls === 'ordinary').length / cases.length;
    const major = cases.filter((c) => c.cls === 'major').length / cases.length;
    expect(ordinary).toBeGreaterThan(0.55);
    expect(ordinary).toBeLessThan(0.75);
    expect(major).toBeGreaterThan(0);
    expect(major).toBeLessThan(0.08);
  });

  it('when generated, then total capacity exceeds demand modestly', () => {
    const seats = p.seats.reduce((s, x) => s + x, 0);
    const capacity = p.capacity.reduce((s, x) => s + x, 0);
    expect(capacity).toBeGreaterThan(seats);
    expect(capacity).toBeLessThan(1.25 * seats);
  });

  it('when the same seed is used twice, then the instance is identical; another seed gives another one', () => {
    const again = generateCountyInstance({ n: 500, seed: 3 }).problem;
    expect(again.arcCost).toEqual(p.arcCost);
    expect(again.arcAgent).toEqual(p.arcAgent);
    expect(again.capacity).toEqual(p.capacity);
    expect(generateCountyInstance({ n: 500, seed: 4 }).problem.arcCost).not.toEqual(p.arcCost);
  });

  it('when converted to v1, then it validates and indexes back to the same arrays', () => {
    const v1 = parseProblem(toV1Problem(p));
    const back = indexProblem(v1);
    expect(back.arcTask).toEqual(p.arcTask);
    expect(back.arcAgent).toEqual(p.arcAgent);
    expect(back.arcCost).toEqual(p.arcCost);
    expect(back.seats).toEqual(p.seats);
    expect(back.capacity).toEqual(p.capacity);
  });

  it('when loadCosts are asked for, then every mediator gets a non-decreasing convex schedule', () => {
    const q = generateCountyInstance({ n: 200, seed: 1, loadCosts: true }).problem;
    q.loadCosts.forEach((lc, a) => {
      expect(lc).not.toBeNull();
      expect(lc!.length).toBe(Math.max(1, q.capacity[a]!));
      for (let k = 1; k < lc!.length; k++) expect(lc![k]!).toBeGreaterThanOrEqual(lc![k - 1]!);
    });
  });

  it.each([
    [50, 1],
    [500, 2],
    [2000, 5],
  ])('when n=%i (seed %i) is solved, then every seat can be filled (verified)', async (n, seed) => {
    const q = generateCountyInstance({ n, seed, loadCosts: seed === 2 }).problem;
    const s = await solveIndexed(q, { solver: 'flow' });
    expect(s.status).toBe('optimal');
    const verdict = verifySolution(toV1Problem(q), toSolution(q, s, 0));
    expect(verdict.errors).toEqual([]);
    expect(verdict.objective).toBeCloseTo(s.objective!, 6);
  });
});
