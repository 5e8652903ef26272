import type { Label } from '../../domain/labels';
import { localMonth } from '../../domain/lifecycle/subsidy';
import type { Summons } from '../../domain/summons/summons';
import type { ReportPeriod } from './period';
import { ratio } from './tally';
import type { SummonsArrivalFigure } from './arrival-slot';

/**
 * 按时到位率 (on-time arrival of summoned departments), with its definition. `asOf` clips the period:
 * a summons whose requiredBy is still ahead is not due yet, so it neither helps nor hurts the rate.
 */
export const SUMMONS_ARRIVAL_DEFINITION: { readonly numerator: Label; readonly denominator: Label; readonly period: Label } = {
  numerator: {
    zh: '按时到位数：应到位的召集中，部门在要求到位时间（含）之前签到的数量（迟到签到与未到位均不计入）',
    en: 'Summonses checked in by their required time: arrivedAt ≤ requiredBy (a late check-in or a miss does not count)',
  },
  denominator: {
    zh: '应到位数：要求到位时间在统计期内（且不晚于统计时点）、未被撤销的召集',
    en: 'Summonses due: requiredBy within the period (and not after the time of the report), not cancelled',
  },
  period: {
    zh: '按要求到位时间（北京时间）归入统计期与月份；按部门、按月分列',
    en: 'By requiredBy (China Standard Time) for the period and the month; broken down by department and by month',
  },
};

/** Counts of one group (the total, a department, a month). */
export interface ArrivalCounts {
  /** Summonses due: requiredBy in the period, not cancelled. */
  readonly due: number;
  /** Checked in by requiredBy: the numerator. */
  readonly onTime: number;
  /** Checked in after requiredBy. */
  readonly late: number;
  /** Marked missed by the clock (escalated). */
  readonly missed: number;
  /** Still issued or acknowledged (requiredBy passed, within the grace or before the clock's next run). */
  readonly open: number;
  /** onTime ÷ due; null when nothing was due. */
  readonly rate: number | null;
}

export interface SummonsArrivalReport {
  readonly from: string;
  readonly to: string;
  readonly total: ArrivalCounts;
  readonly byDepartment: readonly (ArrivalCounts & { readonly department: string })[];
  readonly byMonth: readonly (ArrivalCounts & { readonly month: string })[];
  readonly definition: typeof SUMMONS_ARRIVAL_DEFINITION;
}

type Counted = Pick<Summons, 'department' | 'requiredBy' | 'status' | 'onTime'>;

function countsOf(list: readonly Counted[]): ArrivalCounts {
  let onTime = 0;
  let late = 0;
  let missed = 0;
  let open = 0;
  for (const s of list) {
    if (s.status === 'checked_in') {
      if (s.onTime === true) onTime += 1;
      else late += 1;
    } else if (s.status === 'missed') missed += 1;
    else open += 1;
  }
  return { due: list.length, onTime, late, missed, open, rate: ratio(onTime, list.length) };
}

function groupBy(list: readonly Counted[], key: (s: Counted) => string): [string, ArrivalCounts][] {
  const groups = new Map<string, Counted[]>();
  for (const s of list) {
    const k = key(s);
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, g]) => [k, countsOf(g)]);
}

/**
 * 按时到位率 over a period: summonses checked in by their required time ÷ summonses due (requiredBy
 * in [from, min(to, asOf)), not cancelled), in total, by department and by local month. Pure.
 */
export function summonsArrival(summonses: readonly Counted[], period: ReportPeriod, asOf: Date = period.to): SummonsArrivalReport {
  const from = period.from.getTime();
  const to = Math.min(period.to.getTime(), asOf.getTime());
  const due = summonses.filter((s) => {
    const t = Date.parse(s.requiredBy);
    return s.status !== 'cancelled' && t >= from && t < to;
  });
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    total: countsOf(due),
    byDepartment: groupBy(due, (s) => s.department).map(([department, c]) => ({ department, ...c })),
    byMonth: groupBy(due, (s) => localMonth(s.requiredBy)).map(([month, c]) => ({ month, ...c })),
    definition: SUMMONS_ARRIVAL_DEFINITION,
  };
}

/**
 * The report's 按时到位率 slot from a county's summonses: for any sub-period (a month of a monthly
 * report, the whole period), the due and on-time counts `summonsArrival` gives for it.
 */
export function summonsArrivalSlot(summonses: readonly Counted[], asOf?: Date): (from: Date, to: Date) => SummonsArrivalFigure {
  return (from, to) => {
    const { due, onTime } = summonsArrival(summonses, { from, to }, asOf ?? to).total;
    return { due, onTime };
  };
}
