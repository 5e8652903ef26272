import type { SummonsSettings } from '../../domain/config/departments-config';
import { tickSummons } from '../../domain/summons/summons-clock';
import type { SummonsEvent } from '../../domain/summons/summons-event';
import { cancelFollowingCase, summonsCancelCause, type SummonsCaseStanding } from '../../domain/summons/summons-follow';
import { HOUR_MS } from '../../domain/time';
import type { SummonsCaseReader, SummonsSettingsStore, SummonsStore } from './summons-port';
import { isSummonsOpen } from '../../domain/summons/summons';

/**
 * The summons step of the legal clock: reminders before requiredBy, and missed + escalated after
 * requiredBy + grace, for every open summons that may need one now. Before either, it reads the
 * summons's case: a case closed before requiredBy, or a cancelled session, cancels the summons
 * instead (`summons.cancelled`, actor `clock`), so 按时到位率 never counts a department due at
 * nothing. Each change is a compare-and-set: a summons changed meanwhile (checked in, another
 * worker's run) is left for the next run, so concurrent or repeated runs raise each event once.
 */
export async function tickSummonses(
  store: SummonsStore,
  settingsStore: Pick<SummonsSettingsStore, 'get'>,
  cases: SummonsCaseReader,
  now: Date,
): Promise<SummonsEvent[]> {
  const settings: SummonsSettings = await settingsStore.get();
  const horizon = Math.max(0, ...settings.reminderHoursBefore) * HOUR_MS;
  // A case is read once per run however many of its summonses are due (a session summons up to 3 departments).
  const read = new Map<string, SummonsCaseStanding | null>();
  const standing = async (caseId: string) => {
    if (!read.has(caseId)) read.set(caseId, await cases.standing(caseId));
    return read.get(caseId) ?? null;
  };
  const events: SummonsEvent[] = [];
  for (const s of await store.openBefore(new Date(now.getTime() + horizon + 1))) {
    const due = tickSummons(s, now, settings);
    // Only a summons about to be reminded of or missed costs a read of its case.
    if (!due.changed) continue;
    const cause = summonsCancelCause(s, await standing(s.caseId));
    const out = cause ? cancelFollowingCase(s, cause, 'clock', now) : due;
    if ((await store.commit(s.version, out.summons, out.events)) === 'ok') events.push(...out.events);
  }
  return events;
}

/**
 * Cancels at once the open summonses of a case that just closed or had a session cancelled, by the
 * same rule as the clock (`summonsCancelCause`): called after a case transition, best effort — a
 * summons this misses (a failed write, a concurrent change) is cancelled by the clock's next run.
 */
export async function cancelSummonsesOfCase(
  store: SummonsStore,
  caseId: string,
  standing: SummonsCaseStanding,
  ctx: { readonly by: string; readonly now: Date },
): Promise<SummonsEvent[]> {
  const events: SummonsEvent[] = [];
  for (const s of await store.listByCase(caseId)) {
    const cause = isSummonsOpen(s.status) ? summonsCancelCause(s, standing) : null;
    if (!cause) continue;
    const out = cancelFollowingCase(s, cause, ctx.by, ctx.now);
    if (out.changed && (await store.commit(s.version, out.summons, out.events)) === 'ok') events.push(...out.events);
  }
  return events;
}
