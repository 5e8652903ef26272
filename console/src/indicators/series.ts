/**
 * The data of the indicator charts, in the column layout uPlot draws: x values, then one array per
 * series, null where a rate is undefined (0 ÷ 0) so the line breaks instead of dropping to zero.
 */
import type { KpiRow } from './report';

/** `YYYY-MM` of the month `n` months before `month` (n may be negative). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months of a year ending with `month`: the range the monthly chart asks for. */
export function yearEndingWith(month: string): { readonly first: string; readonly afterLast: string } {
  return { first: shiftMonth(month, 11), afterLast: shiftMonth(month, -1) };
}

export interface ChartSeries {
  /** x positions 0..n-1; the axis names them with `labels`. */
  readonly x: readonly number[];
  readonly labels: readonly string[];
  readonly columns: readonly (readonly (number | null)[])[];
}

/**
 * Rows to chart columns: one x per row, labelled by `labelOf(row.group)`; one column per key, a
 * share as a percentage (0.72 → 72) so the axis reads in %, an undefined figure as null.
 */
export function seriesOf(
  rows: readonly KpiRow[],
  keys: readonly (keyof Omit<KpiRow, 'group'>)[],
  labelOf: (group: string) => string,
  asPercent: (key: keyof Omit<KpiRow, 'group'>) => boolean,
): ChartSeries {
  return {
    x: rows.map((_, i) => i),
    labels: rows.map((r) => labelOf(r.group)),
    columns: keys.map((k) =>
      rows.map((r) => {
        const v = r[k];
        if (v === null || !Number.isFinite(v)) return null;
        return asPercent(k) ? Math.round(v * 1000) / 10 : v;
      }),
    ),
  };
}

/** Groups with nothing to show (no case referred, concluded or returned) are left out of a breakdown chart. */
export function withActivity(rows: readonly KpiRow[]): KpiRow[] {
  return rows.filter((r) => r.referred + r.settled + r.returnedToCourt + r.withdrawn > 0);
}

/** The local month (Asia/Shanghai, UTC+8 all year) holding `at`, `YYYY-MM`. */
export function localMonthOf(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** `count` months ending with `latest`, newest first. */
export function recentMonths(latest: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(latest, i));
}

/** A month for people: "2026年3月" / "Mar 2026"; `short` drops the year: "3月" / "Mar". */
export function monthName(month: string, locale: 'zh-CN' | 'en', short = false): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  if (locale === 'en') {
    const name = new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
    return short ? name : `${name} ${y}`;
  }
  return short ? `${m}月` : `${y}年${m}月`;
}
