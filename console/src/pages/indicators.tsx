import { useLocale } from '../locale';

/** Skeleton: the page's heading until the page is built. */
export function Indicators() {
  const { t } = useLocale();
  return <h1>{t('navIndicators')}</h1>;
}
