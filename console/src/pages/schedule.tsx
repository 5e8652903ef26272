import { useLocale } from '../locale';

/** Skeleton: the page's heading until the page is built. */
export function Schedule() {
  const { t } = useLocale();
  return <h1>{t('navSchedule')}</h1>;
}
