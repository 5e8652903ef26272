import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { loadCountyBaseline } from '../../../src/domain/config/county-baseline';
import type { CourtFigures, CourtMonth } from '../../../src/domain/court-figures';
import { updateFulfilment } from '../../../src/domain/lifecycle/fulfilment';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { courtFiguresOver } from '../../../src/use-cases/reports/court-period';
import { headlineIndicators } from '../../../src/use-cases/reports/headline';
import { computeKpis } from '../../../src/use-cases/reports/kpis';
import { reportKpis } from '../../../src/use-cases/reports/monthly-kpis';
import { monthPeriod } from '../../../src/use-cases/reports/period';
import { settlementQuality } from '../../../src/use-cases/reports/quality';
import { at, newFile, run, toMediating } from '../lifecycle/helpers';

const subsidy = loadSubsidyConfig();
const base = { mediator: () => undefined, subsidy, files: [] as CaseFile[] };

const month = (m: string, f: Partial<CourtFigures>): CourtMonth => ({
  month: m,
  figures: { civilCommercialFilings: 0, administrativeFilings: 0, transferredToMediation: 0, filedAfterFailedMediation: 0, ...f },
  updatedAt: '2026-01-05T00:00:00.000Z',
});

/** 2025 by month: 1,900 filings (158 × 11 + 162), 2,340 transfers, 560 of the filings after failed mediation. */
const YEAR_2025 = Array.from({ length: 12 }, (_, i) =>
  month(`2025-${String(i + 1).padStart(2, '0')}`, {
    civilCommercialFilings: i === 11 ? 162 : 158,
    transferredToMediation: 195,
    filedAfterFailedMediation: i < 8 ? 47 : 46,
    administrativeFilings: 5,
  }),
);
const YEAR = { from: monthPeriod('2025-01').from, to: monthPeriod('2026-01').from };

describe('万人成讼率 and 诉前调解率 from the court figures', () => {
  it('when 1,900 civil/commercial cases are filed in a year and the population is 170,000, then 万人成讼率 is 111.8 per 10,000', () => {
    const r = computeKpis({ ...base, ...YEAR, population: 170_000, courtMonths: YEAR_2025 });
    expect(r.days).toBe(365);
    expect(r.total.lawsuits).toBeCloseTo(1900, 9);
    expect(r.total.lawsuitsPer10kAnnualised).toBeCloseTo(111.76, 2);
    expect(r.total.lawsuitsPer10k).toBeCloseTo(111.76, 2); // a whole year: the same figure
  });

  it('when the court transferred 2,340 and filed 1,900 − 560 = 1,340 directly, then 诉前调解率 is 2,340 ÷ 3,680', () => {
    const r = computeKpis({ ...base, ...YEAR, population: 170_000, courtMonths: YEAR_2025 });
    expect(r.total.courtTransferred).toBeCloseTo(2340, 9);
    expect(r.total.courtFiledDirectly).toBeCloseTo(1340, 9);
    expect(r.total.preLitigationRate).toBeCloseTo(2340 / 3680, 12);
  });

  it('when a month of the period has no court figures, then both are null with the months named — not 0', () => {
    const r = computeKpis({ ...base, ...YEAR, population: 170_000, courtMonths: YEAR_2025.filter((m) => m.month !== '2025-07') });
    expect(r.total.lawsuitsPer10kAnnualised).toBeNull();
    expect(r.total.preLitigationRate).toBeNull();
    const [lawsuits, prelit] = headlineIndicators(r);
    expect(lawsuits).toMatchObject({ id: 'lawsuitsPer10k', value: null, unavailable: { reason: 'no_court_figures', detail: 'no court figures for 2025-07' } });
    expect(prelit).toMatchObject({ id: 'preLitigationRate', value: null, unavailable: { reason: 'no_court_figures' } });
  });

  it('when the period covers half of a 30-day month, then half of that month counts, annualised over 15 days', () => {
    const june = monthPeriod('2025-06');
    const mid = new Date(june.from.getTime() + 15 * 86_400_000);
    const c = courtFiguresOver([month('2025-06', { civilCommercialFilings: 300, transferredToMediation: 60 })], june.from, mid);
    expect(c).toMatchObject({ status: 'ok', filings: 150, transferred: 30, months: ['2025-06'] });
    const r = computeKpis({ ...base, from: june.from, to: mid, population: 100_000, courtMonths: [month('2025-06', { civilCommercialFilings: 300 })] });
    expect(r.total.lawsuitsPer10kAnnualised).toBeCloseTo((150 / 100_000) * 10_000 * (365 / 15), 9);
  });

  it('when grouped by month, then each month has its own figures and the total the year', () => {
    const r = reportKpis({ ...base, ...YEAR, population: 170_000, courtMonths: YEAR_2025, by: 'month' });
    expect(r.rows).toHaveLength(12);
    expect(r.rows[0]).toMatchObject({ group: '2025-01', lawsuits: 158, courtTransferred: 195 });
    expect(r.rows[0]!.lawsuitsPer10kAnnualised).toBeCloseTo((158 / 170_000) * 10_000 * (365 / 31), 9);
    expect(r.total.lawsuitsPer10kAnnualised).toBeCloseTo(111.76, 2);
  });
});

/** Court and walk-in cases in March 2026 (T0 = 2026-03-02). */
function cases(): CaseFile[] {
  // A: court, settled day 2, fulfilled on the spot.
  const a = run(toMediating(newFile({ id: 'A' }), ['v1']), [[2, { action: 'settle', amountYuan: 0, termsRef: 'a', fulfilmentMode: 'on_the_spot' }]]);
  // B: court, mediated (a session held), then withdrawn day 4: concluded, not settled.
  const b = run(toMediating(newFile({ id: 'B' }), ['v1']), [[4, { action: 'withdraw', reason: 'x' }]]);
  // C: court, withdrawn before any session: never reached mediation, not concluded.
  const c = run(newFile({ id: 'C' }), [[1, { action: 'withdraw', reason: 'x' }]]);
  // D: walk-in, settled day 3, voluntary, due day 30, never fulfilled (reneged).
  let d = run(toMediating(newFile({ id: 'D', channel: 'walk_in' }), ['v2']), [
    [3, { action: 'settle', amountYuan: 0, termsRef: 'd', fulfilmentMode: 'voluntary', dueAt: at(30).toISOString() }],
  ]);
  // Unconfirmed: back to litigation (issue 17 part 3), the parties told.
  const reneged = updateFulfilment(d, { kind: 'reneged', notice: { channel: 'phone' } }, at(40));
  if (reneged.status !== 'ok') throw new Error(JSON.stringify(reneged));
  d = reneged.file;
  // E: walk-in, mediated and returned to court day 5.
  const e = run(toMediating(newFile({ id: 'E', channel: 'walk_in' }), ['v2']), [[5, { action: 'return_to_court', reason: 'x' }]]);
  return [a, b, c, d, e];
}

describe('调处成功率, case-level as the headline', () => {
  it('when 2 cases settle, 1 is withdrawn after mediation began, 1 before and 1 returns, then the case-level rate is 2 ÷ 4 and court referrals 1 ÷ 2', () => {
    const r = computeKpis({ ...base, files: cases(), from: at(0), to: at(200) });
    expect(r.total).toMatchObject({ settled: 2, withdrawn: 2, withdrawnAfterMediation: 1, returnedToCourt: 1, concluded: 4, courtConcluded: 2, courtSettled: 1 });
    expect(r.total.successRate).toBe(0.5);
    expect(r.total.courtSuccessRate).toBe(0.5);
    const success = headlineIndicators(r).find((i) => i.id === 'successRate')!;
    expect(success.numerator.value).toBe(2);
    expect(success.denominator.value).toBe(4);
    expect(success.beside.map((b) => b.id)).toEqual(['attemptSuccessRate', 'courtSuccessRate', 'courtAttemptSuccessRate']);
  });

  it('when grouped by channel, then court and walk-in cases have their own rates', () => {
    const r = computeKpis({ ...base, files: cases(), from: at(0), to: at(200), by: 'channel' });
    expect(r.rows.map((x) => [x.group, x.settled, x.concluded])).toEqual([
      ['court', 1, 2],
      ['walk_in', 1, 2],
    ]);
  });
});

describe('优质率', () => {
  it('when a settlement is fulfilled and its 90-day window has ended with no return, then it is high quality; when reneged, not', () => {
    const [a, , , d] = cases();
    expect(settlementQuality(a!, 90, at(200).getTime())).toBe('high');
    expect(settlementQuality(d!, 90, at(200).getTime())).toBe('not_high');
  });

  it('when the window has not ended, then the settlement is pending and not counted', () => {
    const r = computeKpis({ ...base, files: cases(), from: at(0), to: at(60) });
    expect(r.total).toMatchObject({ qualityCounted: 0, qualityPending: 2, highQualityRate: null });
    const later = computeKpis({ ...base, files: cases(), from: at(0), to: at(200) });
    expect(later.total).toMatchObject({ qualityCounted: 2, qualityHigh: 1, qualityPending: 0, highQualityRate: 0.5 });
  });

  it('when the window is a setting of 30 days, then a settlement 60 days old is counted', () => {
    const r = computeKpis({ ...base, files: cases(), from: at(0), to: at(60), qualityWindowDays: 30 });
    expect(r.total.qualityCounted).toBe(2);
    expect(r.qualityWindowDays).toBe(30);
  });
});

describe('按时到位率', () => {
  it('when no summons figure is wired, then the figure is the one recorded at sessions, labelled so', () => {
    const r = computeKpis({ ...base, files: cases(), from: at(0), to: at(200) });
    expect(headlineIndicators(r).find((i) => i.id === 'departmentsOnTimeRate')!.source).toBe('recorded_at_sessions');
  });

  it('when the summons figure is wired, then it is the indicator: checked in on time ÷ due', () => {
    const r = computeKpis({ ...base, files: cases(), from: at(0), to: at(200), summonsArrival: () => ({ due: 40, onTime: 30 }) });
    expect(headlineIndicators(r).find((i) => i.id === 'departmentsOnTimeRate')).toMatchObject({ source: 'summonses', value: 0.75 });
  });
});

describe('the county baseline', () => {
  it('when loaded, then every figure the account does not give is null and marked not known', () => {
    const b = loadCountyBaseline();
    for (const f of b.series) expect(f.value === null).toBe(f.status === 'not_known');
    expect(b.series.find((f) => f.indicator === 'successRate' && f.period === '2023')).toMatchObject({ value: 0.72, status: 'given' });
    const r = computeKpis({ ...base, ...YEAR, population: 170_000, courtMonths: YEAR_2025 });
    const lawsuits = headlineIndicators(r, b.series)[0]!;
    expect(lawsuits.published?.map((p) => p.period)).toEqual(['2019', '2020', '2021', '2022', '2023']);
  });

  it('when a figure claims a value while not known, then the file is refused', () => {
    expect(() => loadCountyBaseline({ source: 's', series: [{ indicator: 'x', period: '2020', value: 1, status: 'not_known', basis: '' }] })).toThrow(/value/);
  });
});
