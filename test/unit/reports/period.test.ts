import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { computeKpis } from '../../../src/use-cases/reports/kpis';
import { currentMonthPeriod, monthPeriod, resolvePeriod } from '../../../src/use-cases/reports/period';
import { reportKpis } from '../../../src/use-cases/reports/monthly-kpis';
import { localMonthSlices } from '../../../src/use-cases/reports/month-slices';
import { newFile } from '../lifecycle/helpers';

const iso = (p: { from: Date; to: Date }) => ({ from: p.from.toISOString(), to: p.to.toISOString() });

describe('report periods in China Standard Time', () => {
  test('when month=2026-03 is asked, then the period is 2026-03-01T00:00+08:00 … 2026-04-01T00:00+08:00', () => {
    expect(iso(monthPeriod('2026-03'))).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' });
    expect(iso(monthPeriod('2026-12'))).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
  });

  test('when no period is given, then it is the current local month, even in the hours where UTC is still in the month before', () => {
    // 2026-02-28T17:00Z is 2026-03-01 01:00 in Shanghai: March already.
    expect(iso(resolvePeriod({}, new Date('2026-02-28T17:00:00Z')))).toEqual(iso(monthPeriod('2026-03')));
    expect(iso(currentMonthPeriod(new Date('2026-02-28T15:59:59Z')))).toEqual(iso(monthPeriod('2026-02')));
  });

  test('when from or to is a plain date, then it is local midnight; a missing end comes from the current month', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(iso(resolvePeriod({ from: '2026-03-05', to: '2026-03-06' }, now))).toEqual({
      from: '2026-03-04T16:00:00.000Z',
      to: '2026-03-05T16:00:00.000Z',
    });
    expect(resolvePeriod({ from: '2026-03-05T00:00:00Z' }, now).to.toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  test('when month comes with from, or to is not after from, then it is refused naming the field', () => {
    expect(() => resolvePeriod({ month: '2026-03', from: '2026-03-01' }, new Date())).toThrow(/either month or from\/to/);
    expect(() => resolvePeriod({ from: '2026-03-05', to: '2026-03-05' }, new Date())).toThrow(/must be after from/);
  });

  test('when a case is referred 2026-02-28T17:00Z (03-01 01:00 local), then it counts in March and not in February', () => {
    const files = [newFile({ id: 'edge', referredAt: '2026-02-28T17:00:00.000Z' })];
    const base = { files, mediator: () => undefined, population: 100_000, subsidy: loadSubsidyConfig() };
    expect(computeKpis({ ...base, ...monthPeriod('2026-03') }).total.referred).toBe(1);
    expect(computeKpis({ ...base, ...monthPeriod('2026-02') }).total.referred).toBe(0);
  });

  test('when grouped by month, then the rows are local months: a case referred 2026-02-28T17:00Z is in the 2026-03 row', () => {
    const files = [
      newFile({ id: 'feb', referredAt: '2026-02-28T15:00:00.000Z' }), // 23:00 local, still February
      newFile({ id: 'edge', referredAt: '2026-02-28T17:00:00.000Z' }), // 01:00 local, March
    ];
    const base = { files, mediator: () => undefined, population: 100_000, subsidy: loadSubsidyConfig() };
    const r = reportKpis({ ...base, from: monthPeriod('2026-02').from, to: monthPeriod('2026-03').to, by: 'month' });
    expect(r.by).toBe('month');
    expect(r.rows.map((row) => [row.group, row.referred])).toEqual([
      ['2026-02', 1],
      ['2026-03', 1],
    ]);
    expect(r.total.referred).toBe(2);
  });

  test('when a period starts and ends mid-month, then the month slices are clipped to it', () => {
    const s = localMonthSlices(new Date('2026-01-15T00:00:00Z'), new Date('2026-03-10T00:00:00Z'));
    expect(s.map((x) => [x.month, x.from.toISOString(), x.to.toISOString()])).toEqual([
      ['2026-01', '2026-01-15T00:00:00.000Z', '2026-01-31T16:00:00.000Z'],
      ['2026-02', '2026-01-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
      ['2026-03', '2026-02-28T16:00:00.000Z', '2026-03-10T00:00:00.000Z'],
    ]);
  });
});
