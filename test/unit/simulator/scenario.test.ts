import { generateCounty } from '../../../src/simulator/county';
import { CALM, SPRING_SURGE, scenarioReferrals, withScenario } from '../../../src/simulator/scenario';
import { caseFromReferral } from '../../../src/use-cases/intake/intake';
import { isOnLeave } from '../../../src/domain';
import { Rng } from '../../../src/domain/random';
import { DAY_MS } from '../../../src/domain/time';

describe('spring surge scenario (issue 20)', () => {
  const county = generateCounty({ seed: 7 });
  const ctx = { config: county.config, params: county.params, mediators: county.mediators };
  const day = (i: number) => new Date(county.start.getTime() + i * DAY_MS);
  const surge = SPRING_SURGE.surge!;

  test('when a surge day comes, then the extra referrals are land and water disputes of the two townships only', () => {
    const extra = scenarioReferrals(surge.fromDay, day(surge.fromDay), SPRING_SURGE, ctx, new Rng(1));
    expect(extra.length).toBeGreaterThan(10);
    for (const r of extra) {
      expect(surge.townships).toContain(r.township);
      expect(surge.categories).toContain(r.category);
    }
    expect(new Set(extra.map((r) => r.externalId)).size).toBe(extra.length);
  });

  test('when the surge is over, or the scenario is calm, then nothing is added', () => {
    expect(scenarioReferrals(surge.fromDay + surge.days, day(surge.fromDay + surge.days), SPRING_SURGE, ctx, new Rng(1))).toEqual([]);
    expect(scenarioReferrals(surge.fromDay, day(surge.fromDay), CALM, ctx, new Rng(1))).toEqual([]);
  });

  test('when the mass case arrives, then it has 40 parties and intake classes it major', () => {
    const mass = SPRING_SURGE.massCase!;
    const r = scenarioReferrals(mass.day, day(mass.day), SPRING_SURGE, ctx, new Rng(1)).find((x) => x.externalId.startsWith('mass-'))!;
    expect(r.parties).toHaveLength(40);
    const made = caseFromReferral(r, county.config);
    expect(made.ok && made.case.class).toBe('major');
  });

  test('when the festival comes, then about the given share of the village mediators there are on leave, and nobody before it', () => {
    const leave = SPRING_SURGE.festivalLeave!;
    const c = withScenario(county, SPRING_SURGE);
    const there = c.mediators.filter((m) => m.tier === 'village' && leave.townships.includes(m.township) && m.status === 'active');
    const during = there.filter((m) => isOnLeave(m, day(leave.fromDay + 1))).length / there.length;
    expect(during).toBeGreaterThan(leave.share - 0.15);
    expect(during).toBeLessThan(leave.share + 0.15);
    const before = there.filter((m) => isOnLeave(m, day(leave.fromDay - 3))).length / there.length;
    expect(before).toBeLessThan(0.15);
  });
});
