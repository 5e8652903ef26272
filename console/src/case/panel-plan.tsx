import { useEffect, useState } from 'preact/hooks';
import { apiGet, query, request } from '../api';
import { useLocale } from '../locale';
import { formatDateTime, formatTimeLeft } from '../format';
import type { TextKey } from '../text';
import type { Explanation } from './case-data';
import { Panel } from './panels';
import { ApiProblem } from './reassign-form';

/** GET /v1/cases/:id/panel (the parts the page shows; the words are in the language asked). */
export interface PanelView {
  readonly status: string;
  readonly source: 'proposal' | 'assignment' | 'sized';
  readonly plan: {
    readonly confirmed?: { readonly at: string; readonly by: string; readonly liaisonRef?: string };
  };
  readonly members: readonly {
    readonly role: string;
    readonly label: string;
    readonly mediatorId: string | null;
    readonly person: string | null;
    readonly explanation: Explanation | null;
  }[];
  readonly words: {
    readonly reasons: readonly string[];
    readonly liaison: { readonly role: string; readonly label: string; readonly reasons: readonly string[] } | null;
    readonly departments: readonly { readonly id: string; readonly name: string; readonly reasons: readonly string[] }[];
  };
  readonly expiresAt: string | null;
}

const SOURCE_TEXT: Readonly<Record<PanelView['source'], TextKey>> = {
  proposal: 'panelSourceProposal',
  assignment: 'panelSourceAssignment',
  sized: 'panelSourceSized',
};

function PanelConfirm({ caseId, onDone }: { readonly caseId: string; readonly onDone: () => void }) {
  const { t } = useLocale();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const confirm = () => {
    setBusy(true);
    setError(undefined);
    request('POST', `/v1/cases/${encodeURIComponent(caseId)}/panel/confirm`, { body: {} })
      .then(onDone, setError)
      .finally(() => setBusy(false));
  };
  return (
    <div class="confirm">
      <button type="button" data-write data-action="confirm-panel" disabled={busy} onClick={confirm}>
        {t('panelConfirm')}
      </button>
      <ApiProblem error={error} />
    </div>
  );
}

/**
 * 合议组方案: a major case's panel — its seats and who holds them with the optimizer's words, the
 * sizing reasons, the liaison and the departments to summon with theirs. A proposed panel can be
 * confirmed as it stands (swaps stay in the API: POST /v1/cases/{id}/panel/confirm).
 */
export function PanelPlanPanel({
  caseId,
  version,
  canConfirm,
  now,
  onConfirmed,
}: {
  readonly caseId: string;
  /** Changes when the case was read again: the plan is read again too. */
  readonly version: string;
  readonly canConfirm: boolean;
  readonly now: number;
  readonly onConfirmed: () => void;
}) {
  const { t, locale } = useLocale();
  const [panel, setPanel] = useState<PanelView | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    const ctl = new AbortController();
    apiGet<PanelView>(`/v1/cases/${encodeURIComponent(caseId)}/panel${query({ lang: locale })}`, ctl.signal).then(
      (p) => {
        setPanel(p);
        setError(undefined);
      },
      (e: unknown) => {
        if (!ctl.signal.aborted) setError(e);
      },
    );
    return () => ctl.abort();
  }, [caseId, locale, version]);
  if (!panel) return error ? <ApiProblem error={error} /> : null;
  const { words, plan } = panel;
  const sep = locale === 'en' ? ': ' : '：';
  return (
    <Panel title={t('panelSection')} testid="panel-plan">
      <p class="muted" data-source={panel.source}>
        {t(SOURCE_TEXT[panel.source])}
        {plan.confirmed && ` · ${t('panelConfirmedBy', { by: plan.confirmed.by, at: formatDateTime(plan.confirmed.at, locale) })}`}
        {panel.expiresAt &&
          ` · ${t('panelExpires', { at: formatDateTime(panel.expiresAt, locale), left: formatTimeLeft(panel.expiresAt, now, locale) })}`}
      </p>
      <h3>{t('panelMembers')}</h3>
      <ul class="panel-members">
        {panel.members.map((m) => (
          <li key={m.role} data-role={m.role}>
            <strong>
              {m.label}
              {sep}
            </strong>
            {m.person ?? <span class="muted">{t('panelVacant')}</span>}
            {m.explanation?.summary && <p class="summary-line">{m.explanation.summary}</p>}
          </li>
        ))}
      </ul>
      {words.reasons.length > 0 && (
        <>
          <h3>{t('panelWhy')}</h3>
          <ul class="reasons">
            {words.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      )}
      {words.liaison && (
        <p data-testid="liaison">
          <strong>
            {t('panelLiaison')}
            {sep}
          </strong>
          {words.liaison.label}
          {plan.confirmed?.liaisonRef && t('panelLiaisonRef', { ref: plan.confirmed.liaisonRef })}
          {words.liaison.reasons.length > 0 && <span class="muted"> — {words.liaison.reasons.join(locale === 'en' ? '; ' : '；')}</span>}
        </p>
      )}
      {words.departments.length > 0 && (
        <>
          <h3>{t('panelDepartments')}</h3>
          <ul class="panel-departments">
            {words.departments.map((d) => (
              <li key={d.id} data-department={d.id}>
                <strong>{d.name}</strong>
                {d.reasons.length > 0 && <span class="muted"> — {d.reasons.join(locale === 'en' ? '; ' : '；')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {canConfirm && panel.source === 'proposal' && panel.status === 'proposed' && <PanelConfirm caseId={caseId} onDone={onConfirmed} />}
      <ApiProblem error={error} />
    </Panel>
  );
}
