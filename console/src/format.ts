/**
 * Dates and figures as people in the centre read them: Asia/Shanghai time whatever the browser's
 * zone, rounded numbers, durations in days and hours.
 */
import type { Locale } from './locale-tag';

export const ZONE = 'Asia/Shanghai';

/**
 * One formatter per kind and language, made once: building an Intl formatter costs far more than
 * using one, and the board formats two dates for each of its 2,000 rows.
 */
function cached<T>(make: (locale: Locale) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let f = made.get(locale);
    if (f === undefined) {
      f = make(locale);
      made.set(locale, f);
    }
    return f;
  };
}

const dateTime = cached(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }),
);
const dateOnly = cached((locale) => new Intl.DateTimeFormat(locale, { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }));
const timeOnly = cached((locale) => new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false }));

export function formatDateTime(iso: string | undefined, locale: Locale): string {
  return iso ? dateTime(locale).format(new Date(iso)) : '—';
}

export function formatDate(iso: string | undefined, locale: Locale): string {
  return iso ? dateOnly(locale).format(new Date(iso)) : '—';
}

export function formatTime(iso: string | undefined, locale: Locale): string {
  return iso ? timeOnly(locale).format(new Date(iso)) : '—';
}

/** A figure with at most `digits` decimals, grouped the locale's way (0.9199999 → 0.92). */
const numbers = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number, locale: Locale, digits = 1): string {
  const key = `${locale}/${digits}`;
  let f = numbers.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
    numbers.set(key, f);
  }
  return f.format(value);
}

/** A share 0..1 as a percentage with one decimal (0.7183 → 71.8%). */
export function formatPercent(share: number, locale: Locale, digits = 1): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share);
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Time left until `iso` from `now`, in the two largest units that say something: "还剩2天5小时" /
 * "2 d 5 h left", "还剩2天" (whole days drop the hours), or how long ago it passed: "已超期3小时" /
 * "3 h overdue". Under an hour it counts minutes, at least one.
 */
export function formatTimeLeft(iso: string, now: number, locale: Locale): string {
  const diff = new Date(iso).getTime() - now;
  const abs = Math.abs(diff);
  const days = Math.floor(abs / DAY_MS);
  const hours = Math.floor((abs % DAY_MS) / HOUR_MS);
  const minutes = Math.max(1, Math.floor((abs % HOUR_MS) / 60_000));
  const zh = days > 0 ? `${days}天${hours > 0 ? `${hours}小时` : ''}` : hours > 0 ? `${hours}小时` : `${minutes}分钟`;
  const en = days > 0 ? `${days} d${hours > 0 ? ` ${hours} h` : ''}` : hours > 0 ? `${hours} h` : `${minutes} min`;
  if (locale === 'en') return diff >= 0 ? `${en} left` : `${en} overdue`;
  return diff >= 0 ? `还剩${zh}` : `已超期${zh}`;
}

/** How urgent a deadline is, for colour: past, within a day, within three days, or calm. */
export type Urgency = 'overdue' | 'due_today' | 'due_soon' | 'calm';

export function urgencyOf(iso: string | undefined, now: number): Urgency {
  if (!iso) return 'calm';
  const diff = new Date(iso).getTime() - now;
  if (diff < 0) return 'overdue';
  if (diff < DAY_MS) return 'due_today';
  if (diff < 3 * DAY_MS) return 'due_soon';
  return 'calm';
}
