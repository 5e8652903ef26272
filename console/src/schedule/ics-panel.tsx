import { useEffect, useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { useLocale } from '../locale';
import { useSession } from '../session';

/**
 * A mediator's calendar outside the console: the .ics download (the signed-in session's own
 * access) and, for writers, the secret subscription URL a calendar app can poll without signing in.
 */
export function IcsPanel({ mediatorId }: { readonly mediatorId: string }) {
  const { t } = useLocale();
  const { canWrite } = useSession();
  const [url, setUrl] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const id = encodeURIComponent(mediatorId);
  useEffect(() => {
    // The URL is the token: never carry one mediator's over to another.
    setUrl(undefined);
    setProblem(undefined);
    setCopied(false);
  }, [mediatorId]);

  const create = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const feed = await request<{ url: string }>('POST', `/v1/calendars/mediators/${id}/feed-token`);
      setUrl(new URL(feed.url, location.origin).toString());
    } catch (err) {
      setProblem(
        err instanceof ApiError && err.status === 403
          ? t('forbidden')
          : t('errorGeneric', { message: err instanceof Error ? err.message : String(err) }),
      );
    } finally {
      setBusy(false);
    }
  };
  const copy = () => {
    if (url) void navigator.clipboard?.writeText(url).then(() => setCopied(true));
  };

  return (
    <div class="panel ics" data-testid="ics">
      <h2>{t('icsTitle')}</h2>
      <p>
        <a href={`/v1/calendars/mediators/${id}/sessions.ics`} download={`${mediatorId}.ics`} data-testid="ics-download">
          {t('icsDownload')}
        </a>
      </p>
      {canWrite && (
        <>
          <p class="muted">{t('icsReplaceWarning')}</p>
          <button type="button" class="secondary" data-action="feed-token" data-write disabled={busy} onClick={() => void create()}>
            {t('icsCreate')}
          </button>
        </>
      )}
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {url && (
        <div class="feed-url">
          <label>
            {t('icsUrl')}
            <input name="feedUrl" readOnly value={url} data-testid="feed-url" onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" class="secondary" onClick={copy}>
            {copied ? t('copied') : t('copy')}
          </button>
        </div>
      )}
    </div>
  );
}
