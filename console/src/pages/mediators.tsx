import { useLocale } from '../locale';

/** Skeleton: the page's heading until the page is built. */
export function Mediators() {
  const { t } = useLocale();
  return <h1>{t('navMediators')}</h1>;
}
