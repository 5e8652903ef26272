import { formatDate } from '../format';
import type { Locale, LocaleState } from '../locale';
import type { LeavePeriod } from './roster';

/** A bare date as typed (it is already a Shanghai day); an instant as its Shanghai date. */
const day = (s: string, locale: Locale) => (s.length <= 10 ? s : formatDate(s, locale));

/** "2026-12-07 至 2026-12-11". */
export function periodText(p: LeavePeriod, locale: Locale, t: LocaleState['t']): string {
  return t('leavePeriod', { from: day(p.from, locale), until: day(p.until, locale) });
}
