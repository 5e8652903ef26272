import type { CaseClass } from '../../domain';
import { MAX_HISTORY_DAYS } from '../../domain/config/reservation-rules';
import { DAY_MS } from '../../domain/time';

/**
 * Backfilling a county's arrival index (issue 20): the intake counts each case it admits, so a
 * county admitted before the index existed forecasts from nothing until history accumulates. The
 * backfill counts the referrals the county still holds — its cases and archive in Redis, and every
 * case of the ledger (evicted ones included) when there is one — per UTC day and class, and
 * raises each day's count to at least that. Raising (never adding) makes it idempotent: a second
 * run, or a run over cases the intake counted already, changes nothing; and it never lowers a
 * count the intake made (a case archived and gone, or admitted while the backfill read).
 */

/** One referral a source can give back. */
export interface ReferralRecord {
  readonly caseId: string;
  readonly referredAt: string;
  readonly class: CaseClass;
}

/** Where a county's past referrals can be read: Redis's cases and archive, the ledger's `cases` table. */
export interface ReferralSource {
  /** Every referral of the county made at or after `since`. */
  referralsSince(since: Date): Promise<readonly ReferralRecord[]>;
}

/** Referrals of one class on one UTC day (day number since the epoch). */
export interface ArrivalCount {
  readonly day: number;
  readonly class: CaseClass;
  readonly count: number;
}

/** The index's side of a backfill. */
export interface ArrivalIndexBackfill {
  /**
   * Atomically raises each (day, class) count of the index to at least the given one and marks
   * the index backfilled at `at`. Returns how many (day, class) counts it raised.
   */
  raise(counts: readonly ArrivalCount[], at: Date): Promise<number>;
  /** True once a backfill has marked the index. */
  backfilled(): Promise<boolean>;
}

export interface BackfillOutcome {
  /** Distinct referrals read from the sources within the history kept. */
  readonly cases: number;
  /** (day, class) counts found, and how many of them the index was short of. */
  readonly counts: number;
  readonly raised: number;
}

const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

/** The oldest day the index keeps at `now` (as INTAKE_LUA trims it). */
export function oldestIndexedDay(now: Date): number {
  return dayOf(now.getTime()) - MAX_HISTORY_DAYS;
}

/** Referrals counted per UTC day and class, each case once (sources overlap: Redis and the ledger hold the same cases), from `fromDay` on. */
export function countArrivals(records: readonly ReferralRecord[], fromDay: number): ArrivalCount[] {
  const seen = new Set<string>();
  const counts = new Map<string, ArrivalCount>();
  for (const r of records) {
    const day = dayOf(Date.parse(r.referredAt));
    if (seen.has(r.caseId) || !(day >= fromDay)) continue;
    seen.add(r.caseId);
    const key = `${day}:${r.class}`;
    const prev = counts.get(key);
    counts.set(key, { day, class: r.class, count: (prev?.count ?? 0) + 1 });
  }
  return [...counts.values()].sort((a, b) => a.day - b.day || (a.class < b.class ? -1 : 1));
}

/** Counts the sources' referrals over the history the index keeps and raises the index to them. */
export async function backfillArrivals(
  deps: { readonly sources: readonly ReferralSource[]; readonly index: ArrivalIndexBackfill },
  now: Date = new Date(),
): Promise<BackfillOutcome> {
  const fromDay = oldestIndexedDay(now);
  const since = new Date(fromDay * DAY_MS);
  const records = (await Promise.all(deps.sources.map((s) => s.referralsSince(since)))).flat();
  const counts = countArrivals(records, fromDay);
  const raised = await deps.index.raise(counts, now);
  return { cases: counts.reduce((n, c) => n + c.count, 0), counts: counts.length, raised };
}

/**
 * The dispatch worker's automatic backfill: once per county, the first time it finds the index
 * never backfilled (a county admitted before the index existed, or a new one — cheap then: its
 * few cases are counted already). Redis's own records only: the worker has no ledger; the CLI
 * command adds the ledger's evicted cases.
 */
export async function backfillArrivalsOnce(
  deps: { readonly sources: readonly ReferralSource[]; readonly index: ArrivalIndexBackfill },
  now: Date = new Date(),
): Promise<BackfillOutcome | null> {
  if (await deps.index.backfilled()) return null;
  return backfillArrivals(deps, now);
}
