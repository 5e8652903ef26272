import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useLocale } from './locale';
import { useSession } from './session';
import type { TextKey } from './text';
import { BASE } from './paths';

interface NavItem {
  readonly path: string;
  readonly text: TextKey;
  /** Shown to admins only. */
  readonly adminOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { path: `${BASE}/`, text: 'navBoard' },
  { path: `${BASE}/mediators`, text: 'navMediators' },
  { path: `${BASE}/schedule`, text: 'navSchedule' },
  { path: `${BASE}/rebalance`, text: 'navRebalance' },
  { path: `${BASE}/indicators`, text: 'navIndicators' },
  { path: `${BASE}/map`, text: 'navMap' },
  { path: `${BASE}/users`, text: 'navUsers', adminOnly: true },
];

function isCurrent(item: string, path: string): boolean {
  if (item === `${BASE}/`) return path === `${BASE}/` || path.startsWith(`${BASE}/cases`);
  return path === item || path.startsWith(`${item}/`);
}

/** The frame of every signed-in page: the menu, the language switch, who is signed in. */
export function Layout({ children }: { readonly children: ComponentChildren }) {
  const { path } = useLocation();
  const { t, locale, setLocale } = useLocale();
  const { user, signOut } = useSession();
  const roleKey = user ? (`role${user.role[0]?.toUpperCase()}${user.role.slice(1)}` as TextKey) : undefined;
  return (
    <>
      <header class="top-bar">
        <span class="app-name">{t('appName')}</span>
        <nav aria-label={t('appName')}>
          {NAV.filter((n) => !n.adminOnly || user?.role === 'admin').map((n) => (
            <a key={n.path} href={n.path} aria-current={isCurrent(n.path, path) ? 'page' : undefined}>
              {t(n.text)}
            </a>
          ))}
        </nav>
        <div class="who">
          <button
            type="button"
            title={t('languageSwitchLabel')}
            lang={locale === 'en' ? 'zh-CN' : 'en'}
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {t('language')}
          </button>
          {user && (
            <span>
              {user.displayName}
              {locale === 'en' ? ` (${roleKey ? t(roleKey) : user.role})` : `（${roleKey ? t(roleKey) : user.role}）`}
            </span>
          )}
          <button type="button" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main>{children}</main>
    </>
  );
}
