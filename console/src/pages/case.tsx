import { useEffect, useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ApiError, apiGet, request } from '../api';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { useSession } from '../session';
import { BASE } from '../paths';
import { useCaseFile } from '../case/use-case-file';
import { AssignmentPanel, CandidatesPanel, ClocksPanel, ReferralPanel } from '../case/panels';
import { HistoryPanel, LoadsPanel, SessionsPanel, SettlementPanel } from '../case/timeline';
import { ApiProblem, ReassignForm, type MoveDone } from '../case/reassign-form';
import { AgreementPanel } from '../case/agreement-panel';
import { PanelPlanPanel } from '../case/panel-plan';
import { canAssignByHand, isClosed } from '../case/case-data';
import { SummonsPanel } from '../summons/summons-panel';
import '../case/case.css';

interface Geography {
  readonly townships: readonly {
    readonly id: string;
    readonly name: { zh: string; en: string };
    readonly villages: readonly { id: string; name: { zh: string; en: string } }[];
  }[];
}

/** Township names by id and village names by `township/village`, in the page's language. */
function usePlaceNames(): ReadonlyMap<string, string> {
  const { label } = useLocale();
  const [geo, setGeo] = useState<Geography | undefined>(undefined);
  useEffect(() => {
    const ctl = new AbortController();
    apiGet<Geography>('/v1/geography', ctl.signal).then(setGeo, () => undefined);
    return () => ctl.abort();
  }, []);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const tw of geo?.townships ?? []) {
      names.set(tw.id, label(tw.name, tw.id));
      for (const v of tw.villages) names.set(`${tw.id}/${v.id}`, label(v.name, v.id));
    }
    return names;
  }, [geo, label]);
}

function ConfirmProposal({ caseId, onDone }: { readonly caseId: string; readonly onDone: () => void }) {
  const { t } = useLocale();
  const [error, setError] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);
  const confirm = () => {
    setSending(true);
    setError(undefined);
    request('POST', `/v1/cases/${encodeURIComponent(caseId)}/proposal/confirm`)
      .then(onDone, setError)
      .finally(() => setSending(false));
  };
  return (
    <div class="confirm">
      <button type="button" data-write disabled={sending} onClick={confirm}>
        {t('confirmProposal')}
      </button>
      <ApiProblem error={error} />
    </div>
  );
}

/** 案件详情: the referral by reference, legal clocks, the assignment and why, candidates, one move, the history. */
export function CasePage() {
  const { params } = useRoute();
  const id = params.id ?? '';
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const { canWrite } = useSession();
  const data = useCaseFile(id);
  const places = usePlaceNames();
  const [now, setNow] = useState(() => Date.now());
  const [move, setMove] = useState<MoveDone | undefined>(undefined);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const { view, file, candidates, mediators, error, loaded } = data;
  if (!view) {
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <section data-page="case" data-ready={loaded ? 'true' : undefined}>
        <p>
          <a href={`${BASE}/`}>{t('backToBoard')}</a>
        </p>
        {!loaded && <p class="muted">{t('loading')}</p>}
        {missing ? <p role="alert">{t('caseNotFound')}</p> : <ApiProblem error={error} />}
      </section>
    );
  }

  const seatIds = view.assignment?.mediatorIds ?? [];
  const loadIds = [...new Set([...(move?.fromIds ?? []), ...seatIds])];
  const onMoved = (done: MoveDone) => {
    setMove(done);
    data.reload();
  };
  const actions =
    canWrite && !view.archived ? (
      <>
        {/* A major case's proposal is confirmed with its panel plan (below). */}
        {view.status === 'proposed' && view.class !== 'major' && <ConfirmProposal caseId={view.id} onDone={data.reload} />}
        {move && (
          <p role="status" class="ok">
            {t('reassignDone', { names: move.toIds.map((m) => mediators.get(m)?.name ?? m).join(locale === 'en' ? ', ' : '、') })}
          </p>
        )}
        {candidates && candidates.seats.length > 0 && canAssignByHand(view.status) && (
          <ReassignForm key={seatIds.join()} view={view} candidates={candidates} mediators={mediators} onDone={onMoved} />
        )}
      </>
    ) : undefined;

  return (
    <section data-page="case" data-ready="true" class="case-page">
      <p class="crumbs">
        <a href={`${BASE}/`}>{t('backToBoard')}</a>
      </p>
      <h1>
        {t('caseTitle', { id: view.externalId })}{' '}
        <span class={`status status-${view.status}`} data-status={view.status}>
          {label(labels.statuses[view.status], view.status)}
        </span>
      </h1>
      {view.archived && <p class="muted">{t('caseArchived')}</p>}
      <ApiProblem error={error} />
      <div class="case-grid">
        <div class="case-col">
          <ReferralPanel view={view} townships={places} />
          <ClocksPanel view={view} file={file} now={now} />
          <AssignmentPanel view={view} mediators={mediators} now={now} actions={actions} />
          <LoadsPanel ids={loadIds} mediators={mediators} before={move?.loadsBefore ?? new Map()} />
          <SessionsPanel file={file} mediators={mediators} />
          <SettlementPanel file={file} now={now} />
          {file?.settlement && <AgreementPanel file={file} />}
        </div>
        <div class="case-col">
          {view.class === 'major' && (
            <PanelPlanPanel
              caseId={view.id}
              version={`${view.status}/${file?.history.length ?? 0}`}
              canConfirm={canWrite && !view.archived}
              now={now}
              onConfirmed={data.reload}
            />
          )}
          {!view.archived && (
            <SummonsPanel caseId={view.id} category={view.category} canSummon={canWrite && !isClosed(view.status)} now={now} />
          )}
          <HistoryPanel file={file} mediators={mediators} />
          <CandidatesPanel view={view} candidates={candidates} mediators={mediators} />
        </div>
      </div>
    </section>
  );
}
