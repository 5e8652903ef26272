import { DEPARTMENT_BEHAVIOUR, departmentsToSummon, SummonsDraws } from '../../../src/simulator/summons-draws';
import { defaultSummonsSettings } from '../../../src/domain/config/departments-config';
import { Rng } from '../../../src/domain/random';
import { summonsArrival } from '../../../src/use-cases/reports/summons-arrival';
import { DAY_MS } from '../../../src/domain/time';

const roster = defaultSummonsSettings();

describe('simulated summonses', () => {
  test('when a case needs departments, then they follow its class and dispute category', () => {
    expect(departmentsToSummon({ class: 'ordinary', category: 'land' }, roster)).toEqual([]);
    expect(departmentsToSummon({ class: 'professional', category: 'traffic' }, roster)).toEqual(['public_security', 'transport']);
    expect(departmentsToSummon({ class: 'professional', category: 'labour' }, roster)).toEqual(['human_resources_social_security']);
    expect(departmentsToSummon({ class: 'professional', category: 'medical' }, roster)).toEqual(['health']);
    expect(departmentsToSummon({ class: 'major', category: 'land' }, roster)).toEqual(['court', 'natural_resources', 'agriculture_rural']);
  });

  test('when many sessions summon departments, then each department arrives on time at its own rate and the clock marks the rest', async () => {
    const tasks: { at: number; run: () => Promise<unknown> }[] = [];
    const base = new Rng(7);
    const draws = new SummonsDraws(
      (caseId, what) => base.fork(`${caseId}/${what}`),
      (at, run) => void tasks.push({ at, run }),
      // No lifecycle behind these cases: the clock goes its usual way.
      { standing: () => Promise.resolve(null) },
    );
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    for (let i = 0; i < 800; i++) {
      const start = t0 + (1 + (i % 20)) * DAY_MS;
      // A major land case: court, natural resources and agriculture are summoned.
      await draws.onBooked({ caseId: `c${i}`, sessionId: `c${i}-s1`, start }, { class: 'major', category: 'land', status: 'accepted' }, t0);
    }
    tasks.sort((a, b) => a.at - b.at);
    for (const t of tasks) await t.run();
    await draws.tick(new Date(t0 + 30 * DAY_MS));

    const r = summonsArrival(draws.all(), { from: new Date(t0), to: new Date(t0 + 30 * DAY_MS) });
    expect(r.total.due).toBe(2400);
    expect(r.total.open).toBe(0);
    const rate = (d: string) => r.byDepartment.find((x) => x.department === d)?.rate ?? NaN;
    expect(Math.abs(rate('court') - DEPARTMENT_BEHAVIOUR.court.onTime)).toBeLessThan(0.04);
    expect(Math.abs(rate('natural_resources') - DEPARTMENT_BEHAVIOUR.natural_resources.onTime)).toBeLessThan(0.05);
    expect(rate('court')).toBeGreaterThan(rate('agriculture_rural'));
    const missed = r.byDepartment.find((x) => x.department === 'agriculture_rural')?.missed ?? 0;
    expect(missed / 800).toBeCloseTo(1 - DEPARTMENT_BEHAVIOUR.agriculture_rural.onTime - DEPARTMENT_BEHAVIOUR.agriculture_rural.late, 1);
  });
});
