import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { kpisToCsv, csvField, KPI_CSV_COLUMNS } from '../../../src/use-cases/reports/csv';
import { computeKpis, nearestRank } from '../../../src/use-cases/reports/kpis';
import { kpiChartSvg } from '../../../src/use-cases/reports/svg-chart';
import { at } from '../lifecycle/helpers';
import { fixtures } from './kpi-fixtures';

const subsidy = loadSubsidyConfig();
const tiers: Record<string, { tier: 'village' | 'industry' | 'gold'; organization: string }> = {
  v1: { tier: 'village', organization: 'vc-1' },
  v2: { tier: 'village', organization: 'vc-2' },
  i1: { tier: 'industry', organization: 'legal' },
};

const base = { mediator: (id: string) => tiers[id], population: 100_000, subsidy };

describe('computeKpis on known cases', () => {
  it('when four cases are settled, failed and settled, withdrawn and returned, then every figure is as counted by hand', () => {
    const r = computeKpis({ ...base, files: fixtures(), from: at(0), to: at(30) });
    const t = r.total;
    expect(t).toMatchObject({ referred: 4, settled: 2, returnedToCourt: 1, withdrawn: 1, withdrawnAfterMediation: 0, concluded: 3, courtConcluded: 3, courtSettled: 2, firstSessions: 4, arrivals: 2 });
    // C was withdrawn before any session: it never reached mediation, so it is not in the denominator.
    expect(t.successRate).toBeCloseTo(2 / 3);
    expect(t.courtSuccessRate).toBeCloseTo(2 / 3);
    // Attempts with a session held that ended: A settled, B#1 failed, B#2 settled, D returned mid-way.
    expect(t.attemptsEnded).toBe(4);
    expect(t.attemptSuccessRate).toBe(0.5);
    expect(t.courtAttemptSuccessRate).toBe(0.5); // every attempt here is of a court case
    // Issue 17: lawsuits and 诉前调解率 come from the court's figures; none were given, so none — not 0.
    expect(t.lawsuits).toBeNull();
    expect(t.preLitigationRate).toBeNull();
    expect(t.lawsuitsPer10kAnnualised).toBeNull();
    expect(r.court).toEqual({ status: 'no_court_figures', missingMonths: ['2026-03', '2026-04'] });
    // 4 referrals in 30 days over 100,000 inhabitants, per year.
    expect(t.referredPer10kAnnualised).toBeCloseTo((4 / 100_000) * 10_000 * (365 / 30));
    // First sessions: A day 1 ≤ day 3 ✓, B#1 day 5 > day 3 ✗, B#2 day 8 ≤ day 6+10 ✓, D day 11 > day 3 ✗.
    expect(t.onTimeRate).toBe(0.5);
    expect(t.departmentsOnTimeRate).toBe(0.5);
    expect(t.daysToSettleMedian).toBe(2);
    expect(t.daysToSettleP90).toBe(9);
    expect(t.fulfilment.on_the_spot).toEqual({ due: 1, fulfilled: 1, rate: 1 });
    expect(t.fulfilment.voluntary).toEqual({ due: 1, fulfilled: 1, rate: 1 });
    expect(t.fulfilment.supervised.rate).toBeNull();
    expect(r.mediators).toEqual([
      { mediatorId: 'i1', tier: 'industry', organization: 'legal', seats: 1, subsidyYuan: subsidy.yuanByClass.professional.settled },
      { mediatorId: 'v1', tier: 'village', organization: 'vc-1', seats: 2, subsidyYuan: subsidy.yuanByClass.ordinary.settled + subsidy.yuanByClass.ordinary.failed },
      { mediatorId: 'v2', tier: 'village', organization: 'vc-2', seats: 1, subsidyYuan: subsidy.yuanByClass.ordinary.failed },
    ]);
  });

  it('when the period ends before the outcomes, then they are not counted', () => {
    const r = computeKpis({ ...base, files: fixtures(), from: at(0), to: at(2) });
    expect(r.total).toMatchObject({ referred: 4, settled: 0, returnedToCourt: 0, successRate: null, daysToSettleMedian: null });
  });

  it('when grouped by tier or mediator, then cases go to the mediators of their deciding attempt', () => {
    const byTier = computeKpis({ ...base, files: fixtures(), from: at(0), to: at(30), by: 'tier' });
    expect(byTier.rows.map((r) => [r.group, r.settled, r.returnedToCourt])).toEqual([
      ['industry', 1, 0],
      ['unassigned', 0, 0],
      ['village', 1, 1],
    ]);
    const byMediator = computeKpis({ ...base, files: fixtures(), from: at(0), to: at(30), by: 'mediator' });
    // v2's failed attempt counts as a first session of v2, but the case belongs to i1.
    expect(byMediator.rows.find((r) => r.group === 'v2')).toMatchObject({ firstSessions: 1, settled: 0, referred: 0 });
  });

  it('when grouped by township, then the per-10,000 referral rate uses the township population, and a township without one has none', () => {
    const r = computeKpis({ ...base, files: fixtures(), from: at(0), to: at(30), by: 'township', townshipPopulation: (t) => (t === 't01' ? 20_000 : undefined) });
    // t01: A, C, D referred.
    expect(r.rows.find((x) => x.group === 't01')!.referredPer10kAnnualised).toBeCloseTo((3 / 20_000) * 10_000 * (365 / 30));
    expect(r.rows.find((x) => x.group === 't02')!.referredPer10kAnnualised).toBeNull();
    // The court reports county-wide: no 万人成讼率 per township.
    expect(r.rows.every((x) => x.lawsuitsPer10kAnnualised === null)).toBe(true);
  });

  it('when the nearest-rank quantile is asked, then it picks the ⌈q·n⌉-th value', () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2);
    expect(nearestRank([], 0.5)).toBeNull();
  });
});

describe('CSV and SVG', () => {
  it('when written as CSV, then definitions come first as comments, fields are escaped and a total row ends it', () => {
    const csv = kpisToCsv(computeKpis({ ...base, files: fixtures(), from: at(0), to: at(30), by: 'township' }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^# tiaojie indicators/);
    expect(lines.some((l) => l.startsWith('# successRate: '))).toBe(true);
    const header = lines.find((l) => !l.startsWith('#'))!;
    expect(header.split(',')).toEqual([...KPI_CSV_COLUMNS]);
    expect(lines.at(-1)!.startsWith('total,4,2,1,1,0,3,')).toBe(true);
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField(null)).toBe('');
  });

  it('when drawn, then the SVG is one well-formed document with a bar per rate and the definitions', () => {
    const svg = kpiChartSvg(computeKpis({ ...base, files: fixtures(), from: at(0), to: at(30), by: 'township' }), 'A & B <test>');
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('A &amp; B &lt;test&gt;');
    expect((svg.match(/<rect /g) ?? []).length).toBe(1 + 3 + 3 * 3); // background, legend, 3 groups × 3 rates
    expect(svg).toContain('调处成功率');
  });
});
