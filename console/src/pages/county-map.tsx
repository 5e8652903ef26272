import { useLocale } from '../locale';

/** Skeleton: the page's heading until the page is built. */
export function CountyMap() {
  const { t } = useLocale();
  return <h1>{t('navMap')}</h1>;
}
