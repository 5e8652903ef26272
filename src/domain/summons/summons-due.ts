import { earliestInSpans, type TimeSpan } from '../time-spans';
import { isSummonsOpen, type Summons } from './summons';
import { missFrom, pendingReminders, reminderFrom, type SummonsClockSettings } from './summons-clock';

/**
 * The instant the summons clock next has work on a summons: the earliest `now` (at or after
 * `notBefore`) at which `tickSummons(s, now, settings)` changes it — a reminder not yet raised
 * (from its hours before `requiredBy` until `requiredBy`), or the miss (from `requiredBy` plus the
 * grace) — or null when the summons is no longer open. Exact both ways, as `clockDueAt` is for a
 * case; a reminder skipped past `requiredBy` keeps a past instant until the miss unless
 * `notBefore` (the time of the latest tick) is given. The instant depends on the county's settings:
 * recompute its open summonses when they change (PUT /v1/settings/summons).
 *
 * @param notBefore - the earliest instant considered. @defaultValue none: all of time
 */
export function summonsDueAt(s: Summons, settings: SummonsClockSettings, notBefore?: Date): Date | null {
  if (!isSummonsOpen(s.status)) return null;
  const requiredBy = Date.parse(s.requiredBy);
  const spans: TimeSpan[] = pendingReminders(s, settings).map((h) => ({ from: reminderFrom(requiredBy, h), until: requiredBy }));
  spans.push({ from: missFrom(s, settings), until: Infinity });
  const first = earliestInSpans(spans, notBefore?.getTime());
  return first && new Date(first.at);
}
