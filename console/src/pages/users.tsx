import { useLocale } from '../locale';

/** Skeleton: the page's heading until the page is built. */
export function Users() {
  const { t } = useLocale();
  return <h1>{t('navUsers')}</h1>;
}
