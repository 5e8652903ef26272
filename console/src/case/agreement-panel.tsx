import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { formatDate, formatDateTime } from '../format';
import type { TextKey } from '../text';
import type { CaseFileView } from './case-data';
import { fulfilmentEnd, routeSteps, type RouteStep } from './agreement-data';
import { Panel } from './panels';

const STEP_TEXT: Readonly<Record<RouteStep, TextKey>> = {
  applied: 'agrApplied',
  acceptanceDue: 'agrAcceptanceDue',
  acceptanceDecided: 'agrAcceptanceDecided',
  decided: 'agrDecided',
};

const BASIS_TEXT: Readonly<Record<string, TextKey>> = {
  judicial_confirmation: 'agrBasisJudicial',
  arbitral_award: 'agrBasisAward',
  notarised_deed: 'agrBasisDeed',
};

/**
 * 协议效力与履行 (read-only): the routes to enforceable force tried after the agreement with their
 * status and dates, the fulfilment's status, what followed a renege (enforcement with its basis, or
 * litigation with the notice to the parties), and supervised extensions.
 */
export function AgreementPanel({ file }: { readonly file: CaseFileView }) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const s = file.settlement;
  const f = file.fulfilment;
  if (!s) return null;
  const routes = s.routes ?? [];
  const end = fulfilmentEnd(f);
  const list = (xs: readonly string[]) => xs.join(locale === 'en' ? ', ' : '、');
  return (
    <Panel title={t('agrSection')} testid="agreement">
      <h3>{t('agrRoutes')}</h3>
      {routes.length === 0 ? (
        <p class="muted">{t('agrNoRoute')}</p>
      ) : (
        <ul class="agreement-routes">
          {routes.map((r, i) => (
            <li key={i} data-route={r.kind} data-route-status={r.status}>
              <strong>{label(labels.agreementRoutes[r.kind], r.kind)}</strong>{' '}
              <span class="status">{label(labels.agreementRouteStatuses[r.status], r.status)}</span>
              <span class="muted route-dates">
                {list(routeSteps(r).map((x) => t(STEP_TEXT[x.step], { at: formatDate(x.at, locale) })))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {f && (
        <dl class="facts">
          <div>
            <dt>{t('agrFulfilment')}</dt>
            <dd data-fulfilment={f.status}>{label(labels.fulfilmentStatuses[f.status], f.status)}</dd>
          </div>
          <div>
            <dt>{t('agrDueAt')}</dt>
            <dd>{formatDate(f.dueAt, locale)}</dd>
          </div>
          {f.renegedAt && (
            <div>
              <dt>{t('agrReneged')}</dt>
              <dd>{formatDateTime(f.renegedAt, locale)}</dd>
            </div>
          )}
          {end?.kind === 'enforcement' && (
            <div>
              <dt>{t('agrEnforcement')}</dt>
              <dd>
                {t('agrEnforcementBasis', {
                  at: formatDate(end.at, locale),
                  basis: end.basis ? t(BASIS_TEXT[end.basis] ?? 'agrBasisJudicial') : '—',
                })}
              </dd>
            </div>
          )}
          {end?.kind === 'litigation' && (
            <>
              <div>
                <dt>{t('agrLitigation')}</dt>
                <dd>{formatDate(end.at, locale)}</dd>
              </div>
              {end.notice && (
                <div>
                  <dt>{t('agrNotice')}</dt>
                  <dd>
                    {t('agrNoticeWords', {
                      at: formatDate(end.notice.at, locale),
                      channel: label(labels.noticeChannels[end.notice.channel], end.notice.channel),
                    })}
                  </dd>
                </div>
              )}
            </>
          )}
          {(f.extensions ?? []).map((x, i) => (
            <div key={`x${i}`}>
              <dt>{t('agrExtension')}</dt>
              <dd>
                {t('agrExtensionWords', {
                  due: formatDate(x.dueAt, locale),
                  assistance: label(labels.assistanceKinds[x.assistance], x.assistance),
                  by: x.by,
                })}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Panel>
  );
}
