import { computeKpis, KPI_GROUPINGS, type KpiInput, type KpiReport } from './kpis';
import { localMonthSlices } from './month-slices';

/** How a report's rows may be grouped: the groupings of a case, or the local months of the period. */
export const REPORT_GROUPINGS = [...KPI_GROUPINGS, 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

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
