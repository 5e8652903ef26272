import { HOUR_MS } from '../time';
import { actOnSummons, isSummonsOpen, type Summons } from './summons';
import { summonsEventBase, type SummonsEvent } from './summons-event';

/** The clock's part of a county's summons settings. */
export interface SummonsClockSettings {
  readonly reminderHoursBefore: readonly number[];
  readonly missGraceMinutes: number;
}

/** The instant (epoch ms) from which an open summons is missed: `requiredBy` plus the grace. */
export function missFrom(s: Pick<Summons, 'requiredBy'>, settings: SummonsClockSettings): number {
  return Date.parse(s.requiredBy) + settings.missGraceMinutes * 60_000;
}

/** The instant (epoch ms) from which the reminder `hours` before `requiredBy` (ms) is crossed; reminders are raised only before `requiredBy`. */
export function reminderFrom(requiredBy: number, hours: number): number {
  return requiredBy - hours * HOUR_MS;
}

/** The configured reminders not yet raised on a summons, each once. */
export function pendingReminders(s: Pick<Summons, 'remindedHours'>, settings: SummonsClockSettings): number[] {
  return [...new Set(settings.reminderHoursBefore)].filter((h) => !s.remindedHours.includes(h));
}

export interface SummonsTickOutcome {
  readonly summons: Summons;
  readonly events: readonly SummonsEvent[];
  /** False when nothing changed (the summons is the input). */
  readonly changed: boolean;
}

/**
 * Moves a summons's clock to `now`. An open summons past `requiredBy` + grace is marked missed and
 * escalated to the director (`summons.missed`, `summons.escalated`); before `requiredBy`, each
 * configured reminder is raised once — only the nearest when a late tick crosses several, the others
 * recorded as raised so they never fire afterwards. Idempotent: a second tick at the same time changes nothing.
 */
export function tickSummons(s: Summons, now: Date, settings: SummonsClockSettings): SummonsTickOutcome {
  const unchanged = { summons: s, events: [], changed: false };
  if (!isSummonsOpen(s.status)) return unchanged;
  const due = Date.parse(s.requiredBy);
  const t = now.getTime();
  if (t >= missFrom(s, settings)) {
    const step = actOnSummons(s, { action: 'miss', by: 'clock', at: now });
    if (step.status !== 'ok') return unchanged;
    const b = summonsEventBase(s, now);
    return {
      summons: step.summons,
      events: [
        { type: 'summons.missed', ...b },
        { type: 'summons.escalated', ...b, escalatedTo: 'director' },
      ],
      changed: true,
    };
  }
  if (t >= due) return unchanged;
  const fresh = pendingReminders(s, settings)
    .filter((h) => t >= reminderFrom(due, h))
    .sort((a, b) => a - b);
  const nearest = fresh[0];
  if (nearest === undefined) return unchanged;
  return {
    summons: { ...s, remindedHours: [...s.remindedHours, ...fresh], version: s.version + 1 },
    events: [{ type: 'summons.reminder', ...summonsEventBase(s, now), hoursBefore: nearest }],
    changed: true,
  };
}
