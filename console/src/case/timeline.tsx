import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { formatDateTime, formatNumber, formatTimeLeft } from '../format';
import type { TextKey } from '../text';
import type { CaseFileView, SessionView } from './case-data';
import { Panel, nameOf, useNames, type Names } from './panels';

/** The case's history as a timeline, oldest first: what happened, who did it, why, with whom. */
export function HistoryPanel({ file, mediators }: { readonly file?: CaseFileView; readonly mediators: Names }) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const names = useNames(mediators);
  const entries = file?.history ?? [];
  return (
    <Panel title={t('sectionHistory')}>
      <ol class="timeline" data-testid="history">
        {entries.map((e, i) => (
          <li key={i} data-action={e.action}>
            <time dateTime={e.at}>{formatDateTime(e.at, locale)}</time>
            <div>
              <strong>{label(labels.historyActions[e.action], e.action)}</strong>
              {e.from !== e.to && (
                <span class="muted">
                  {' '}
                  {label(labels.statuses[e.from], e.from)} → {label(labels.statuses[e.to], e.to)}
                </span>
              )}
              {e.mediatorIds && e.mediatorIds.length > 0 && <div>{t('historyMediators', { names: names(e.mediatorIds) })}</div>}
              {e.fromMediatorIds && e.fromMediatorIds.length > 0 && (
                <div class="muted">{t('historyFrom', { names: names(e.fromMediatorIds) })}</div>
              )}
              {e.reason && <div class="why">{e.reason}</div>}
              <div class="muted small">{t('historyBy', { by: e.by })}</div>
            </div>
          </li>
        ))}
      </ol>
      {entries.length === 0 && <p class="muted">{t('historyEmpty')}</p>}
    </Panel>
  );
}

const SESSION_TEXT: Readonly<Record<SessionView['status'], TextKey>> = {
  scheduled: 'sessionScheduled',
  held: 'sessionHeld',
  cancelled: 'sessionCancelled',
};

export function SessionsPanel({ file, mediators }: { readonly file?: CaseFileView; readonly mediators: Names }) {
  const { t, locale } = useLocale();
  const names = useNames(mediators);
  const sessions = file?.sessions ?? [];
  return (
    <Panel title={t('sectionSessions')} testid="sessions">
      {sessions.length === 0 ? (
        <p class="muted">{t('noSessions')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colWhen')}</th>
              <th scope="col">{t('colRoom')}</th>
              <th scope="col">{t('colMediator')}</th>
              <th scope="col">{t('colStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td class="nowrap">
                  {formatDateTime(s.start, locale)}
                  {s.first && <span class="tag">{t('firstSession')}</span>}
                </td>
                <td>{s.roomId}</td>
                <td>{names(s.mediatorIds)}</td>
                <td>
                  {t(SESSION_TEXT[s.status])}
                  {s.cancelReason && <span class="muted">（{s.cancelReason}）</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

const FULFILMENT_TEXT: Readonly<Record<NonNullable<CaseFileView['fulfilment']>['status'], TextKey>> = {
  pending: 'fulfilmentPending',
  overdue: 'fulfilmentOverdue',
  fulfilled: 'fulfilmentFulfilled',
  enforcement: 'fulfilmentEnforcement',
  litigation: 'fulfilmentLitigation',
};

/** Settlement, fulfilment and judicial confirmation, when the case file has them; the consent answer. */
export function SettlementPanel({ file, now }: { readonly file?: CaseFileView; readonly now: number }) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const s = file?.settlement;
  const f = file?.fulfilment;
  const c = file?.consent;
  return (
    <Panel title={t('sectionSettlement')} testid="settlement">
      <dl class="facts">
        {c && (
          <div>
            <dt>{t('consentLine')}</dt>
            <dd>{t(c.given ? 'consentGiven' : 'consentRefused', { at: formatDateTime(c.at, locale) })}</dd>
          </div>
        )}
        {s ? (
          <>
            <div>
              <dt>{t('settledAt')}</dt>
              <dd>{formatDateTime(s.at, locale)}</dd>
            </div>
            <div>
              <dt>{t('amount')}</dt>
              <dd>{t('yuan', { amount: formatNumber(s.amountYuan, locale, 0) })}</dd>
            </div>
            <div>
              <dt>{t('termsRef')}</dt>
              <dd>{s.termsRef}</dd>
            </div>
            <div>
              <dt>{t('judicialConfirmation')}</dt>
              <dd>
                {s.confirmationAppliedAt
                  ? t('confirmationApplied', { at: formatDateTime(s.confirmationAppliedAt, locale) })
                  : t('confirmationOpen', { left: formatTimeLeft(s.confirmationWindowEndsAt, now, locale) })}
              </dd>
            </div>
          </>
        ) : null}
        {f && (
          <>
            <div>
              <dt>{t('fulfilmentMode')}</dt>
              <dd>{label(labels.fulfilmentModes[f.mode], f.mode)}</dd>
            </div>
            <div>
              <dt>{t('fulfilmentState')}</dt>
              <dd>{t(FULFILMENT_TEXT[f.status])}</dd>
            </div>
          </>
        )}
      </dl>
      {!s && <p class="muted">{t('noSettlement')}</p>}
    </Panel>
  );
}

/** The loads of the mediators a reassignment touched (and of the current seats): now, and before the move. */
export function LoadsPanel({
  ids,
  mediators,
  before,
}: {
  readonly ids: readonly string[];
  readonly mediators: Names;
  readonly before: ReadonlyMap<string, number>;
}) {
  const { t } = useLocale();
  if (ids.length === 0) return null;
  return (
    <Panel title={t('sectionLoads')} testid="loads">
      <ul class="loads">
        {ids.map((id) => {
          const m = mediators.get(id);
          const was = before.get(id);
          return (
            <li key={id} data-mediator-id={id}>
              <span>{nameOf(id, mediators)}</span>{' '}
              {m && <span data-load={m.load}>{t('loadWords', { load: m.load, capacity: m.capacity })}</span>}
              {m && was !== undefined && was !== m.load && <span class="muted">{t('loadChanged', { before: was })}</span>}
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
