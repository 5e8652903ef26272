import type { SummonsSettings } from '../../domain/config/departments-config';
import { tickSummons } from '../../domain/summons/summons-clock';
import type { SummonsEvent } from '../../domain/summons/summons-event';
import { HOUR_MS } from '../../domain/time';
import type { SummonsSettingsStore, SummonsStore } from './summons-port';

/**
 * The summons step of the legal clock: reminders before requiredBy, and missed + escalated after
 * requiredBy + grace, for every open summons that may need one now. Each change is a
 * compare-and-set: a summons changed meanwhile (checked in, another worker's run) is left for the
 * next run, so concurrent or repeated runs raise each event once.
 */
export async function tickSummonses(
  store: SummonsStore,
  settingsStore: Pick<SummonsSettingsStore, 'get'>,
  now: Date,
): Promise<SummonsEvent[]> {
  const settings: SummonsSettings = await settingsStore.get();
  const horizon = Math.max(0, ...settings.reminderHoursBefore) * HOUR_MS;
  const events: SummonsEvent[] = [];
  for (const s of await store.openBefore(new Date(now.getTime() + horizon + 1))) {
    const out = tickSummons(s, now, settings);
    if (!out.changed) continue;
    if ((await store.commit(s.version, out.summons, out.events)) === 'ok') events.push(...out.events);
  }
  return events;
}
