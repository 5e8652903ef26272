import { summonsArrival } from '../../../src/use-cases/reports/summons-arrival';
import { monthPeriod } from '../../../src/use-cases/reports/period';
import type { Summons } from '../../../src/domain/summons/summons';

type Row = Pick<Summons, 'department' | 'requiredBy' | 'status' | 'onTime'>;
const row = (department: string, requiredBy: string, status: Row['status'], onTime?: boolean): Row => ({
  department,
  requiredBy,
  status,
  ...(onTime === undefined ? {} : { onTime }),
});

/**
 * March 2026 (local): court 3 due (2 on time, 1 late), health 2 due (1 on time, 1 missed) + 1 cancelled;
 * 2026-02-28T15:59Z is still February locally and 2026-03-31T16:00Z already April: both outside.
 * Numerator 3, denominator 5 → 0.6.
 */
const FIXTURE: Row[] = [
  row('court', '2026-03-02T01:00:00Z', 'checked_in', true),
  row('court', '2026-03-15T01:00:00Z', 'checked_in', true),
  row('court', '2026-03-20T01:00:00Z', 'checked_in', false),
  row('health', '2026-02-28T16:00:00Z', 'checked_in', true), // 2026-03-01 00:00 local: in March
  row('health', '2026-03-25T01:00:00Z', 'missed'),
  row('health', '2026-03-26T01:00:00Z', 'cancelled'),
  row('court', '2026-02-28T15:59:00Z', 'missed'),
  row('court', '2026-03-31T16:00:00Z', 'checked_in', true),
];

describe('按时到位率 (summonsArrival)', () => {
  test('when computed on a hand-made month, then on time ÷ due is 3 ÷ 5, by department and by month', () => {
    const r = summonsArrival(FIXTURE, monthPeriod('2026-03'));
    expect(r.total).toEqual({ due: 5, onTime: 3, late: 1, missed: 1, open: 0, rate: 0.6 });
    expect(r.byDepartment).toEqual([
      { department: 'court', due: 3, onTime: 2, late: 1, missed: 0, open: 0, rate: 2 / 3 },
      { department: 'health', due: 2, onTime: 1, late: 0, missed: 1, open: 0, rate: 0.5 },
    ]);
    expect(r.byMonth).toEqual([{ month: '2026-03', due: 5, onTime: 3, late: 1, missed: 1, open: 0, rate: 0.6 }]);
    expect(r.definition.numerator.zh).toContain('按时到位');
    expect(r.definition.denominator.en).toContain('not cancelled');
  });

  test('when the report is asked mid-period, then summonses not yet required are not due', () => {
    const r = summonsArrival(FIXTURE, monthPeriod('2026-03'), new Date('2026-03-18T00:00:00Z'));
    expect(r.total).toMatchObject({ due: 3, onTime: 3, rate: 1 });
  });

  test('when nothing was due, then the rate is null, not 0', () => {
    expect(summonsArrival([], monthPeriod('2026-03')).total.rate).toBeNull();
  });
});
