import { localMonth } from '../../domain/lifecycle/subsidy';
import { parseDateOrInstant } from '../../domain/instant';
import { ValidationError } from '../../domain/errors';

/**
 * The centre's clock: China Standard Time (Asia/Shanghai), UTC+8 all year — China keeps no
 * daylight saving time, so a fixed offset is exact. A report's month is the local month: March
 * starts at 2026-03-01T00:00+08:00 (2026-02-28T16:00Z).
 */
const LOCAL_OFFSET = '+08:00';

/** A reporting period [from, to). */
export interface ReportPeriod {
  readonly from: Date;
  readonly to: Date;
}

/** `YYYY-MM` → the local month's first instant and the next month's. */
export function monthPeriod(month: string): ReportPeriod {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: localStart(`${month}-01`), to: localStart(`${next}-01`) };
}

/** The local month holding `now`. */
export function currentMonthPeriod(now: Date): ReportPeriod {
  return monthPeriod(localMonth(now.toISOString()));
}

/** A plain date `YYYY-MM-DD` starts at local midnight; a date-time is the instant it names. */
function localStart(dateOrInstant: string): Date {
  return new Date(dateOrInstant.length <= 10 ? Date.parse(`${dateOrInstant}T00:00:00${LOCAL_OFFSET}`) : (parseDateOrInstant(dateOrInstant) ?? NaN));
}

/** What a report request may say about its period; every part is optional. */
export interface PeriodQuery {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly month?: string | undefined;
}

/**
 * The period a report covers: `month` (a local month), or `from`/`to` (plain dates are local
 * midnights), each missing end taken from the current local month; `month` with `from` or `to` is
 * refused rather than guessed at.
 */
export function resolvePeriod(q: PeriodQuery, now: Date): ReportPeriod {
  if (q.month !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      throw new ValidationError([{ field: 'query.month', reason: 'give either month or from/to, not both' }]);
    return monthPeriod(q.month);
  }
  const current = currentMonthPeriod(now);
  const from = q.from === undefined ? current.from : localStart(q.from);
  const to = q.to === undefined ? current.to : localStart(q.to);
  if (to.getTime() <= from.getTime()) throw new ValidationError([{ field: 'query.to', reason: 'must be after from' }]);
  return { from, to };
}
