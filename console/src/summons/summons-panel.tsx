import { useState } from 'preact/hooks';
import { request } from '../api';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { formatDateTime, formatTimeLeft } from '../format';
import type { TextKey } from '../text';
import { Panel } from '../case/panels';
import { ApiProblem } from '../case/reassign-form';
import { actionPath, actionsOf, arrivalOf, type Arrival, type DepartmentView, type SummonsAction, type SummonsView } from './summons-data';
import { SummonsForm } from './summons-form';
import { useSummonses } from './use-summonses';

const ACTION_TEXT: Readonly<Record<SummonsAction, TextKey>> = {
  acknowledge: 'smActAcknowledge',
  check_in: 'smActCheckIn',
  cancel: 'smActCancel',
};

/** The department's name: the county's roster, else the bundled labels, else its id. */
function useDepartmentName(departments: readonly DepartmentView[]): (id: string) => string {
  const { label } = useLocale();
  const labels = useLabels();
  return (id) => label(departments.find((d) => d.id === id)?.name ?? labels.departments[id], id);
}

function ArrivalWords({ s, now }: { readonly s: SummonsView; readonly now: number }) {
  const { t, locale } = useLocale();
  const arrival: Arrival = arrivalOf(s, now);
  const at = formatDateTime(s.arrivedAt, locale);
  const words: Readonly<Record<Arrival, string>> = {
    on_time: t('smOnTime', { at }),
    late: t('smLate', { at }),
    missed: t('smMissed'),
    cancelled: t('smCancelled'),
    open: t('smOpen', { left: formatTimeLeft(s.requiredBy, now, locale) }),
    overdue: t('smOverdue'),
  };
  return (
    <span class={`arrival arrival-${arrival}`} data-arrival={arrival}>
      {words[arrival]}
    </span>
  );
}

/** One summons's buttons (what its allowedActions permit); a refusal is shown under them. */
function SummonsActions({ s, onDone }: { readonly s: SummonsView; readonly onDone: () => void }) {
  const { t } = useLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const act = (action: SummonsAction) => {
    setBusy(true);
    setError(undefined);
    request('POST', actionPath(s.id, action), { body: {} })
      .then(onDone, setError)
      .finally(() => setBusy(false));
  };
  const actions = actionsOf(s);
  if (actions.length === 0) return null;
  return (
    <div class="summons-actions">
      {actions.map((a) => (
        <button key={a} type="button" data-write data-action={a} disabled={busy} onClick={() => act(a)}>
          {t(ACTION_TEXT[a])}
        </button>
      ))}
      <ApiProblem error={error} />
    </div>
  );
}

/** 部门召集: each summons of the case with its department, reason, required time, status and arrival; a dispatcher summons and acts. */
export function SummonsPanel({
  caseId,
  category,
  canSummon,
  now,
}: {
  readonly caseId: string;
  readonly category: string;
  /** A dispatcher on an open case: the form and the buttons show. */
  readonly canSummon: boolean;
  readonly now: number;
}) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const { items, departments, error, loaded, reload } = useSummonses(caseId);
  const nameOf = useDepartmentName(departments);
  return (
    <Panel title={t('smSection')} testid="summonses">
      {!loaded && <p class="muted">{t('loading')}</p>}
      <ApiProblem error={error} />
      {loaded && items.length === 0 && !error && <p class="muted">{t('smNone')}</p>}
      {items.length > 0 && (
        <ul class="summonses">
          {items.map((s) => (
            <li key={s.id} data-summons-id={s.id} data-status={s.status} data-department={s.department}>
              <div class="summons-head">
                <strong>{nameOf(s.department)}</strong>
                <span class={`status summons-${s.status}`}>{label(labels.summonsStatuses[s.status], s.status)}</span>
              </div>
              <dl class="facts">
                <div>
                  <dt>{t('smReason')}</dt>
                  <dd>{s.reason}</dd>
                </div>
                <div>
                  <dt>{t('smRequiredBy')}</dt>
                  <dd>{formatDateTime(s.requiredBy, locale)}</dd>
                </div>
                <div>
                  <dt>{t('smArrival')}</dt>
                  <dd>
                    <ArrivalWords s={s} now={now} />
                  </dd>
                </div>
              </dl>
              {canSummon && <SummonsActions s={s} onDone={reload} />}
            </li>
          ))}
        </ul>
      )}
      {canSummon && departments.length > 0 && (
        <SummonsForm caseId={caseId} departments={departments} category={category} nameOf={nameOf} onDone={reload} />
      )}
    </Panel>
  );
}
