import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useLocale } from '../locale';
import { useSession } from '../session';

/** Username and password; the service sets the session cookie. A wrong password says so and signs nobody in. */
export function SignIn() {
  const { t, locale, setLocale } = useLocale();
  const { signIn, ended } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(ended ? t('sessionExpired') : undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'account_locked') {
        setProblem(t('accountLocked', { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60)) }));
      } else if (err instanceof ApiError && (err.status === 401 || err.status === 400)) {
        setProblem(t('signInFailed'));
      } else {
        setProblem(t('errorGeneric', { message: err instanceof Error ? err.message : String(err) }));
      }
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <div class="panel">
        <h1>{t('signInTitle')}</h1>
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {t('username')}
            <input name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          </label>
          <label>
            {t('password')}
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </label>
          {problem && (
            <p role="alert" class="error">
              {problem}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('signingIn') : t('signIn')}
          </button>
        </form>
        <p>
          <button
            type="button"
            class="secondary"
            title={t('languageSwitchLabel')}
            lang={locale === 'en' ? 'zh-CN' : 'en'}
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {t('language')}
          </button>
        </p>
      </div>
    </main>
  );
}
