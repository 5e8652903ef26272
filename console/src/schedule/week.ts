/**
 * Weeks as the centre lives them: Monday to Sunday in Asia/Shanghai, whatever the browser's zone.
 * Pure, tested in node (test/console/week.test.ts).
 */

const DAY_MS = 86_400_000;
/** Asia/Shanghai has kept +08:00 all year since 1991 (no summer time), so a fixed offset is exact. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant. */
export function shanghaiDate(instant: number): string {
  return new Date(instant + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of 00:00 in Shanghai on the Monday of the week holding `instant`. */
export function weekStartOf(instant: number): number {
  const local = instant + SHANGHAI_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  // getUTCDay of the shifted time is the Shanghai weekday: 0 = Sunday … 6 = Saturday.
  const weekday = new Date(midnight).getUTCDay();
  const sinceMonday = (weekday + 6) % 7;
  return midnight - sinceMonday * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The week `n` weeks after (negative: before) the one starting at `weekStart`. */
export const shiftWeek = (weekStart: number, n: number): number => weekStart + n * 7 * DAY_MS;

/** The seven Shanghai dates of the week, Monday first. */
export function weekDates(weekStart: number): string[] {
  return Array.from({ length: 7 }, (_, i) => shanghaiDate(weekStart + i * DAY_MS + SHANGHAI_OFFSET_MS / 2));
}

/** The window to ask the calendar for: from the Monday's 00:00 to the next Monday's 00:00 (exclusive). */
export function weekWindow(weekStart: number): { from: string; to: string } {
  return { from: new Date(weekStart).toISOString(), to: new Date(shiftWeek(weekStart, 1)).toISOString() };
}

export interface Timed {
  readonly id: string;
  readonly start: string;
}

/**
 * The week's sessions in their Shanghai day (by start), each day in time order; sessions outside
 * the week are left out, and every day of the week is present, empty or not.
 */
export function bucketByDay<T extends Timed>(sessions: readonly T[], weekStart: number): Map<string, T[]> {
  const days = new Map<string, T[]>(weekDates(weekStart).map((d) => [d, []]));
  for (const s of sessions) days.get(shanghaiDate(Date.parse(s.start)))?.push(s);
  for (const list of days.values()) list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.id < b.id ? -1 : 1));
  return days;
}
