import { localMonth } from '../../domain/lifecycle/subsidy';
import { monthPeriod } from './period';

/** One local month's part of a period: the part [from, to) and the whole month [monthFrom, monthTo). */
export interface MonthSlice {
  readonly month: string;
  readonly from: Date;
  readonly to: Date;
  readonly monthFrom: Date;
  readonly monthTo: Date;
}

/** The local months [from, to) touches, each clipped to the period. */
export function localMonthSlices(from: Date, to: Date): MonthSlice[] {
  const slices: MonthSlice[] = [];
  // A bound of 1,200 months (a century) keeps a bad request from looping for long.
  for (let at = from; at < to && slices.length < 1200; ) {
    const month = localMonth(at.toISOString());
    const whole = monthPeriod(month);
    slices.push({ month, from: at, to: whole.to < to ? whole.to : to, monthFrom: whole.from, monthTo: whole.to });
    at = whole.to;
  }
  return slices;
}
