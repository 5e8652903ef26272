import { useLocale } from '../locale';
import { BASE } from '../paths';

export function NotFound() {
  const { t } = useLocale();
  return (
    <section>
      <h1>{t('notFound')}</h1>
      <a href={`${BASE}/`}>{t('navBoard')}</a>
    </section>
  );
}
