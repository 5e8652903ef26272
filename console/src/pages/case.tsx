import { useLocale } from '../locale';

/** Skeleton: the page's heading until the page is built. */
export function CasePage() {
  const { t } = useLocale();
  return <h1>{t('navBoard')}</h1>;
}
