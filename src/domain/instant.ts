import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * Strict dates. `Date.parse` accepts "1", "Tuesday 5 March" and "+275760-09-13T00:00:00Z" (whose
 * arithmetic then throws a RangeError), and rolls 2026-02-30 over to March; every date the
 * service takes goes through here instead: RFC 3339 shape, a real calendar day, a year in
 * LIMITS.minYear..LIMITS.maxYear (the literal year written, before any offset is applied).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 §5.6 date-time: seconds required, optional fraction, Z or ±hh:mm. No leap second (JS has none).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Is this a real day of the calendar (any year)? 2026-02-30 is not. */
export function isRealDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Is this a real day within the allowed years? */
function isCalendarDay(year: number, month: number, day: number): boolean {
  return year >= LIMITS.minYear && year <= LIMITS.maxYear && isRealDay(year, month, day);
}

/** A plain date `YYYY-MM-DD` as the epoch ms of its UTC midnight; null unless a real day in range. */
export function parseCalendarDate(s: string): number | null {
  const m = DATE.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDay(year, month, day) ? Date.UTC(year, month - 1, day) : null;
}

/** An RFC 3339 date-time as epoch ms; null unless strictly shaped, a real day and time, and in range. */
export function parseInstant(s: string): number | null {
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const part = (i: number) => Number(m[i]);
  if (!isCalendarDay(part(1), part(2), part(3))) return null;
  if (part(4) > 23 || part(5) > 59 || part(6) > 59) return null;
  if (m[9] !== undefined && (part(9) > 23 || part(10) > 59)) return null;
  return Date.parse(s);
}

/** A plain date or an RFC 3339 date-time, as epoch ms; null when neither. */
export function parseDateOrInstant(s: string): number | null {
  return s.length <= 10 ? parseCalendarDate(s) : parseInstant(s);
}

const range = `between ${LIMITS.minYear} and ${LIMITS.maxYear}`;

/** An RFC 3339 date-time, e.g. `2026-03-05T09:30:00Z` or `2026-03-05T17:30:00+08:00`. */
export const InstantSchema = z
  .string()
  .max(40)
  .refine((s) => parseInstant(s) !== null, `must be an RFC 3339 date-time (2026-03-05T09:30:00Z), a real date ${range}`);

/** A calendar date `YYYY-MM-DD`. */
export const CalendarDateSchema = z
  .string()
  .max(10)
  .refine((s) => parseCalendarDate(s) !== null, `must be a date YYYY-MM-DD, a real date ${range}`);

/** A calendar date `YYYY-MM-DD` or an RFC 3339 date-time. */
export const DateOrInstantSchema = z
  .string()
  .max(40)
  .refine((s) => parseDateOrInstant(s) !== null, `must be a date YYYY-MM-DD or an RFC 3339 date-time, a real date ${range}`);

/** A local month `YYYY-MM` (China Standard Time): the unit of the reports, the court's figures and the summons listing. */
export const LocalMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
