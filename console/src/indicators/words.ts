import { formatNumber, formatPercent } from '../format';
import type { LocaleState } from '../locale';
import type { TextKey } from '../text';
import type { Indicator } from './report';

/** The console's name of an indicator (text.ts `kpi_<key>`). */
export const indicatorText = (i: Indicator): TextKey => `kpi_${i.key}` as TextKey;

/** A figure as people read it: 72.5%, 3.2件/万人, 4.5天, 120; "无数据" when undefined. */
export function formatIndicator(i: Indicator, v: number | null, { t, locale }: Pick<LocaleState, 't' | 'locale'>): string {
  if (v === null || !Number.isFinite(v)) return t('kpiNone');
  switch (i.kind) {
    case 'share':
      return formatPercent(v, locale);
    case 'per10k':
      return t('kpiPer10k', { n: formatNumber(v, locale, 2) });
    case 'days':
      return t('kpiDays', { n: formatNumber(v, locale, 1) });
    case 'count':
      return formatNumber(v, locale, 0);
  }
}
