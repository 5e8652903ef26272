import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api';
import { formatDateTime } from '../format';
import { useLocale } from '../locale';
import { useSession } from '../session';
import { MoveList } from '../rebalance/move-list';
import { RunFigures } from '../rebalance/run-figures';
import { figuresOf, type Run, type RunFailure, type RunJob } from '../rebalance/run';
import type { TextKey } from '../text';
import { useRebalanceRun } from '../rebalance/use-run';
import '../rebalance/rebalance.css';

/** The last applied run: null when none is kept, undefined while loading. */
function useLastRun(lang: string, reloadKey: number): { readonly last: RunJob | null | undefined; readonly error?: string } {
  const [last, setLast] = useState<RunJob | null | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    const ctl = new AbortController();
    apiGet<{ job: RunJob | null }>(`/v1/rebalance/last?dryRun=false&lang=${lang}`, ctl.signal).then(
      (r) => setLast(r.job),
      (e: unknown) => {
        if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => ctl.abort();
  }, [lang, reloadKey]);
  return error === undefined ? { last } : { last, error };
}

function LastRun({ last }: { readonly last: RunJob | null }) {
  const { t, locale } = useLocale();
  if (!last) return <p class="muted">{t('rbNoRun')}</p>;
  return (
    <>
      <dl class="rb-figures">
        <div>
          <dt>{t('rbFinishedAt')}</dt>
          <dd>{formatDateTime(last.finishedAt ?? last.createdAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('rbTrigger')}</dt>
          <dd>{t(last.trigger === 'nightly' ? 'rbTriggerNightly' : 'rbTriggerManual')}</dd>
        </div>
        <div>
          <dt>{t('rbState')}</dt>
          <dd>{t(last.state === 'completed' ? 'rbStateCompleted' : 'rbStateFailed')}</dd>
        </div>
      </dl>
      {last.result ? (
        <RunFigures run={last.result} applied />
      ) : (
        <p class="error">{t('rbFailed', { reason: last.failedReason ?? last.state })}</p>
      )}
      {(last.result?.plan?.moves.length ?? 0) > 0 && (
        <details>
          <summary>{t('rbLastMoves', { n: last.result?.plan?.moves.length ?? 0 })}</summary>
          <MoveList moves={last.result?.plan?.moves ?? []} testId="last-run-moves" />
        </details>
      )}
    </>
  );
}

/** 夜间优化: the last run, a dry run on demand with every move in words, and apply after a confirmation. */
export function Rebalance() {
  const { t, locale } = useLocale();
  const { canWrite } = useSession();
  const [reloadKey, setReloadKey] = useState(0);
  // Each page visit starts with the last applied run; a dry run replaces an earlier result shown.
  const { last, error } = useLastRun(locale, reloadKey);
  const dry = useRebalanceRun(locale);
  const apply = useRebalanceRun(locale);
  const [confirming, setConfirming] = useState(false);
  const plan = dry.state.phase === 'done' ? dry.state.run : undefined;
  useEffect(() => {
    // The applied run is the new "last run".
    if (apply.state.phase === 'done') setReloadKey((k) => k + 1);
  }, [apply.state.phase]);
  const busy = dry.state.phase === 'running' || apply.state.phase === 'running';
  return (
    <section data-page="rebalance" data-ready={last !== undefined || error !== undefined ? 'true' : undefined}>
      <h1>{t('navRebalance')}</h1>
      <p class="muted">
        {t('rbIntro')}
        {canWrite && ` ${t('rbIntroWrite')}`}
      </p>
      <div class="panel">
        <h2>{t('rbLastRun')}</h2>
        {error !== undefined ? (
          <p class="error">{t('errorGeneric', { message: error })}</p>
        ) : last === undefined ? (
          <p class="muted">{t('loading')}</p>
        ) : (
          <LastRun last={last} />
        )}
      </div>
      {canWrite && (
        <p class="rb-actions">
          <button
            type="button"
            data-action="dry-run"
            data-write
            disabled={busy}
            onClick={() => {
              apply.reset();
              dry.start(true);
            }}
          >
            {dry.state.phase === 'running' ? t('rbDryRunning') : t('rbDryRun')}
          </button>
          {dry.state.phase === 'running' && dry.state.jobState && <span class="muted">{t('rbQueued', { state: dry.state.jobState })}</span>}
        </p>
      )}
      {dry.state.phase === 'failed' && <RunError failure={dry.state.failure} message={dry.state.message} />}
      {plan && (
        <div class="panel">
          <h2>{t('rbPlanTitle')}</h2>
          <RunFigures run={plan} applied={false} />
          <h3>{t('rbMovesTitle')}</h3>
          {(plan.plan?.moves.length ?? 0) === 0 ? <p class="muted">{t('rbNoMoves')}</p> : <MoveList moves={plan.plan?.moves ?? []} />}
          {canWrite && !confirming && apply.state.phase !== 'running' && (plan.plan?.moves.length ?? 0) > 0 && (
            <button type="button" data-action="apply" data-write disabled={busy} onClick={() => setConfirming(true)}>
              {t('rbApply')}
            </button>
          )}
          {canWrite && confirming && (
            <div class="rb-confirm" role="alertdialog" aria-labelledby="rb-confirm-text">
              <p id="rb-confirm-text">{t('rbConfirmText', { moves: plan.plan?.moves.length ?? 0 })}</p>
              <button
                type="button"
                data-action="confirm-apply"
                data-write
                onClick={() => {
                  setConfirming(false);
                  dry.reset();
                  apply.start(false);
                }}
              >
                {t('rbConfirmApply')}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                {t('rbCancel')}
              </button>
            </div>
          )}
        </div>
      )}
      {apply.state.phase === 'running' && (
        <p class="muted">{apply.state.jobState ? t('rbQueued', { state: apply.state.jobState }) : t('rbApplying')}</p>
      )}
      {apply.state.phase === 'failed' && <RunError failure={apply.state.failure} message={apply.state.message} />}
      {apply.state.phase === 'done' && (
        <div class="panel" data-testid="rebalance-result">
          <h2>{t('rbResultTitle')}</h2>
          <ApplyResult run={apply.state.run} />
        </div>
      )}
    </section>
  );
}

const FAILURE_TEXT: Readonly<Record<Exclude<RunFailure, 'other'>, TextKey>> = {
  locked: 'rbLocked',
  noWorker: 'rbNoWorker',
  forbidden: 'forbidden',
};

/** Why a run gave no result: in the console's words when the status says why, else the service's message. */
function RunError({ failure, message }: { readonly failure: RunFailure; readonly message: string }) {
  const { t } = useLocale();
  return (
    <p class="error" role="alert">
      {failure === 'other' ? t('rbFailed', { reason: message }) : t(FAILURE_TEXT[failure])}
    </p>
  );
}

/** What applying did: moves applied and refused, then the run's figures. */
function ApplyResult({ run }: { readonly run: Run }) {
  const { t } = useLocale();
  const f = figuresOf(run);
  return (
    <>
      <p role="status">{t('rbResultText', { applied: f.applied, refused: f.refused })}</p>
      <RunFigures run={run} applied />
    </>
  );
}
