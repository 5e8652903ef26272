import type { DatedSlot } from '../../domain/session';
import type { HalfDaySlot } from '../../domain/mediator';
import type { TimedSlot } from './types';
import { DAY_MS } from '../../domain/time';

/** The clock of half-days: local offset (`+08:00`) and am/pm times (`09:00`). */
export interface HalfDayClock {
  readonly timeZone: string;
  readonly am: { readonly start: string; readonly end: string };
  readonly pm: { readonly start: string; readonly end: string };
}

/** 1 = Monday … 7 = Sunday for a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function timedSlot(slot: DatedSlot, clock: HalfDayClock): TimedSlot {
  const t = clock[slot.half];
  return {
    date: slot.date,
    half: slot.half,
    start: new Date(`${slot.date}T${t.start}:00${clock.timeZone}`).toISOString(),
    end: new Date(`${slot.date}T${t.end}:00${clock.timeZone}`).toISOString(),
    weekday: weekdayOf(slot.date),
  };
}

/** The local calendar date of an instant. */
export function localDate(iso: string, timeZone: string): string {
  const sign = timeZone.startsWith('-') ? -1 : 1;
  const [h, m] = timeZone.slice(1).split(':').map(Number) as [number, number];
  return new Date(Date.parse(iso) + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 10);
}

/**
 * Every half-day of `days` local days starting with the day of `from` (weekends included: the
 * mediators' weekly availability decides who works when), keeping those that end after `from`.
 */
export function horizon(from: string, days: number, clock: HalfDayClock): TimedSlot[] {
  const first = localDate(from, clock.timeZone);
  const out: TimedSlot[] = [];
  for (let i = 0; i < days; i++) {
    const date = new Date(Date.parse(`${first}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10);
    for (const half of ['am', 'pm'] as const) {
      const s = timedSlot({ date, half }, clock);
      if (Date.parse(s.end) > Date.parse(from)) out.push(s);
    }
  }
  return out;
}

export const slotKey = (s: DatedSlot): string => `${s.date}/${s.half}`;

export function offersSlot(availability: readonly HalfDaySlot[], s: TimedSlot): boolean {
  return availability.some((a) => a.weekday === s.weekday && a.half === s.half);
}
