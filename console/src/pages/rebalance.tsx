import { useLocale } from '../locale';

/** Skeleton: the page's heading until the page is built. */
export function Rebalance() {
  const { t } = useLocale();
  return <h1>{t('navRebalance')}</h1>;
}
