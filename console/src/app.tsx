import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { LabelsProvider } from './labels';
import { Layout } from './layout';
import { LocaleProvider, useLocale } from './locale';
import { BASE } from './paths';
import { SessionProvider, useSession } from './session';
import { SignIn } from './pages/sign-in';
import { NotFound } from './pages/not-found';
import { Board } from './pages/board';
import { prefetch } from './api';
import { BOARD_FIRST_PATHS } from './board/use-board';

// The board is the first page and ships in the main bundle; the others load when first opened.
const CasePage = lazy(() => import('./pages/case').then((m) => m.CasePage));
const Mediators = lazy(() => import('./pages/mediators').then((m) => m.Mediators));
const Schedule = lazy(() => import('./pages/schedule').then((m) => m.Schedule));
const Rebalance = lazy(() => import('./pages/rebalance').then((m) => m.Rebalance));
const Indicators = lazy(() => import('./pages/indicators').then((m) => m.Indicators));
const CountyMap = lazy(() => import('./pages/county-map').then((m) => m.CountyMap));
const Users = lazy(() => import('./pages/users').then((m) => m.Users));

function Pages() {
  const { t } = useLocale();
  const { user } = useSession();
  if (user === undefined) return <p class="muted">{t('loading')}</p>;
  if (user === null) return <SignIn />;
  return (
    // Keyed by user: a new sign-in starts from fresh labels and pages.
    <LabelsProvider key={user.username} fallback={<p class="muted">{t('loading')}</p>}>
      <Layout>
        <ErrorBoundary>
          <Router>
            <Route path={`${BASE}/`} component={Board} />
            <Route path={`${BASE}/cases/:id`} component={CasePage} />
            <Route path={`${BASE}/mediators`} component={Mediators} />
            <Route path={`${BASE}/schedule`} component={Schedule} />
            <Route path={`${BASE}/rebalance`} component={Rebalance} />
            <Route path={`${BASE}/indicators`} component={Indicators} />
            <Route path={`${BASE}/map`} component={CountyMap} />
            <Route path={`${BASE}/users`} component={Users} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </Layout>
    </LabelsProvider>
  );
}

/** The labels every page waits for, and the board's data when the board is the page being opened. */
function prefetchFirstPage(): void {
  const onBoard = window.location.pathname === `${BASE}/`;
  prefetch(['/v1/labels', ...(onBoard ? BOARD_FIRST_PATHS : [])]);
}

export function App() {
  return (
    <LocationProvider scope={BASE}>
      <LocaleProvider>
        <SessionProvider onSession={prefetchFirstPage}>
          <Pages />
        </SessionProvider>
      </LocaleProvider>
    </LocationProvider>
  );
}
