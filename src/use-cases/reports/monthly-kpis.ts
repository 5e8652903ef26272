import { localMonth } from '../../domain/lifecycle/subsidy';
import { computeKpis, KPI_GROUPINGS, type KpiInput, type KpiReport } from './kpis';
import { monthPeriod } from './period';

/** How a report's rows may be grouped: the groupings of a case, or the local months of the period. */
export const REPORT_GROUPINGS = [...KPI_GROUPINGS, 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** The local months [from, to) touches, each clipped to the period. */
export function localMonthSlices(from: Date, to: Date): { readonly month: string; readonly from: Date; readonly to: Date }[] {
  const slices: { month: string; from: Date; to: Date }[] = [];
  // A bound of 1,200 months (a century) keeps a bad request from looping for long.
  for (let at = from; at < to && slices.length < 1200; ) {
    const month = localMonth(at.toISOString());
    const end = monthPeriod(month).to;
    slices.push({ month, from: at, to: end < to ? end : to });
    at = end;
  }
  return slices;
}

/**
 * The indicators of a period, grouped as asked. By `month`, each row is the whole report of one
 * local month (China Standard Time) — every figure counted by the month its own event fell in, as
 * the report of that month alone would count it; the total is the report of the whole period.
 */
export function reportKpis(input: Omit<KpiInput, 'by'> & { readonly by?: ReportGrouping }): KpiReport {
  const { by, ...whole } = input;
  if (by !== 'month') return computeKpis(by === undefined ? whole : { ...whole, by });
  const rows = localMonthSlices(whole.from, whole.to).map((s) => ({ ...computeKpis({ ...whole, from: s.from, to: s.to }).total, group: s.month }));
  return { ...computeKpis(whole), by: 'month', rows };
}
