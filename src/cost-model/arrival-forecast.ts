import type { CaseClass } from '../domain';
import { DAY_MS } from '../domain/time';
import { itemAt } from '../domain/indexed-access';

/**
 * Expected arrivals of a class over the next days, from the county's own arrival history
 * (issue 20): λ(day) = rate × weekday factor × month factor. The factors are read from every
 * arrival (all classes: many more than of the class alone) and shrunk toward 1 by a few
 * pseudo-days, so a thin history forecasts a flat week and a month never seen counts as average;
 * the class's rate is its arrivals over the history divided by the history's total factor. Pure.
 */

/** One referral of the history: when, and of what class. */
export interface Arrival {
  /** Referral time, ms since the epoch. */
  readonly at: number;
  readonly class: CaseClass;
  /** Referrals of the class that day this entry stands for (an index keeps counts per day, not each referral). @defaultValue 1 */
  readonly count?: number;
}

export interface ArrivalForecast {
  /** Expected arrivals of the class over the horizon. */
  readonly expected: number;
  /** Per day of the horizon: its UTC date and the expected arrivals that day (the last day may be partial). */
  readonly perDay: readonly { readonly date: string; readonly expected: number }[];
  /** What the forecast stands on: days of history read, arrivals of every class and of the class. */
  readonly basis: { readonly days: number; readonly arrivals: number; readonly ofClass: number };
}

/** Pseudo-days of an average day added to each weekday and month before its factor is read. */
const SHRINK_DAYS = 5;

const weekdayOf = (ms: number): number => new Date(ms).getUTCDay();
const monthOf = (ms: number): number => new Date(ms).getUTCMonth();

/** Factor per key (weekday 0–6 or month 0–11): arrivals per day of the key ÷ arrivals per day overall, shrunk toward 1. */
function factors(
  dayCounts: readonly { readonly start: number; readonly n: number }[],
  keys: number,
  key: (ms: number) => number,
): number[] {
  const total = dayCounts.reduce((a, d) => a + d.n, 0);
  const mean = total / Math.max(1, dayCounts.length);
  if (mean === 0) return new Array<number>(keys).fill(1);
  const n = new Array<number>(keys).fill(0);
  const days = new Array<number>(keys).fill(0);
  for (const d of dayCounts) {
    const k = key(d.start);
    n[k] = itemAt(n, k) + d.n;
    days[k] = itemAt(days, k) + 1;
  }
  return n.map((x, k) => (x + SHRINK_DAYS * mean) / ((itemAt(days, k) + SHRINK_DAYS) * mean));
}

/**
 * Forecasts arrivals of `caseClass` over `horizonDays` from `now`, reading the `historyDays`
 * before `now` (whole UTC days; arrivals outside are ignored).
 */
export function forecastArrivals(
  history: readonly Arrival[],
  caseClass: CaseClass,
  now: Date,
  horizonDays: number,
  historyDays: number,
): ArrivalForecast {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const first = today - historyDays * DAY_MS;
  const dayCounts = Array.from({ length: historyDays }, (_, i) => ({ start: first + i * DAY_MS, n: 0, ofClass: 0 }));
  let seen = 0;
  for (const a of history) {
    if (a.at < first || a.at >= today) continue;
    const d = itemAt(dayCounts, Math.floor((a.at - first) / DAY_MS));
    const n = a.count ?? 1;
    d.n += n;
    if (a.class === caseClass) d.ofClass += n;
    seen += n;
  }
  // Days before the first arrival are days the county did not record yet, not quiet days.
  const firstSeen = dayCounts.findIndex((d) => d.n > 0);
  const recorded = firstSeen < 0 ? [] : dayCounts.slice(firstSeen);
  const weekday = factors(recorded, 7, weekdayOf);
  const month = factors(recorded, 12, monthOf);
  const factor = (ms: number): number => itemAt(weekday, weekdayOf(ms)) * itemAt(month, monthOf(ms));
  const ofClass = recorded.reduce((a, d) => a + d.ofClass, 0);
  const exposure = recorded.reduce((a, d) => a + factor(d.start), 0);
  const rate = exposure > 0 ? ofClass / exposure : 0;
  const perDay: { date: string; expected: number }[] = [];
  const end = now.getTime() + horizonDays * DAY_MS;
  for (let t = now.getTime(); t < end; t = Math.floor(t / DAY_MS) * DAY_MS + DAY_MS) {
    const share = (Math.min(end, Math.floor(t / DAY_MS) * DAY_MS + DAY_MS) - t) / DAY_MS;
    perDay.push({ date: new Date(t).toISOString().slice(0, 10), expected: rate * factor(t) * share });
  }
  return {
    expected: perDay.reduce((a, d) => a + d.expected, 0),
    perDay,
    basis: { days: recorded.length, arrivals: seen, ofClass },
  };
}

/** The smallest k with P(X ≤ k) ≥ q for X ~ Poisson(mean). */
export function poissonQuantile(mean: number, q: number): number {
  if (mean <= 0) return 0;
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (cdf < q && k < 10_000) {
    k += 1;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
