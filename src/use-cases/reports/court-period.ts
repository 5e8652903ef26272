import type { CourtMonth } from '../../domain/court-figures';
import { filedDirectly } from '../../domain/court-figures';
import { DAY_MS } from '../../domain/time';
import { localMonthSlices } from './month-slices';

/** The court's figures over a report's period, or why there are none. */
export type CourtPeriodFigures =
  | {
      readonly status: 'ok';
      /** Civil/commercial filings in the period (months cut by the period counted by their share of days in it). */
      readonly filings: number;
      readonly transferred: number;
      readonly filedDirectly: number;
      /** The local months the figures came from. */
      readonly months: readonly string[];
    }
  | { readonly status: 'no_court_figures'; readonly missingMonths: readonly string[] };

/**
 * Sums the court's monthly figures over [from, to). A month the period only partly covers counts
 * by the share of its days inside the period (the court reports by month, the report may not run
 * by month). Any month of the period without figures makes the whole period `no_court_figures`:
 * a partial sum would read as a fall in filings.
 */
export function courtFiguresOver(held: readonly CourtMonth[], from: Date, to: Date): CourtPeriodFigures {
  const byMonth = new Map(held.map((m) => [m.month, m.figures]));
  const slices = localMonthSlices(from, to);
  const missing = slices.filter((s) => !byMonth.has(s.month)).map((s) => s.month);
  if (missing.length > 0) return { status: 'no_court_figures', missingMonths: missing };
  let filings = 0;
  let transferred = 0;
  let direct = 0;
  for (const s of slices) {
    const f = byMonth.get(s.month);
    if (!f) continue;
    const share = (s.to.getTime() - s.from.getTime()) / (s.monthTo.getTime() - s.monthFrom.getTime());
    filings += f.civilCommercialFilings * share;
    transferred += f.transferredToMediation * share;
    direct += filedDirectly(f) * share;
  }
  return { status: 'ok', filings, transferred, filedDirectly: direct, months: slices.map((s) => s.month) };
}

/** 万人成讼率: filings ÷ population × 10,000, annualised by 365 ÷ the period's days. */
export function lawsuitsPer10kPerYear(filings: number, population: number, from: Date, to: Date): number {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  return ((filings / population) * 10_000 * 365) / days;
}
