import { useEffect, useState } from 'preact/hooks';
import { apiGet, query } from '../api';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { formatNumber, formatPercent } from '../format';
import { SOURCE_TEXT, arrivalHeadline, arrivalRows, type ArrivalCounts, type ArrivalReport, type HeadlineIndicator } from './arrival';

/** The month's summons-arrival report; undefined while it loads. */
function useArrival(month: string): { readonly report?: ArrivalReport; readonly error?: string } {
  const [state, setState] = useState<{ report?: ArrivalReport; error?: string }>({});
  useEffect(() => {
    const ctl = new AbortController();
    apiGet<ArrivalReport>(`/v1/reports/summons-arrival${query({ month })}`, ctl.signal).then(
      (report) => setState({ report }),
      (e: unknown) => {
        if (!ctl.signal.aborted) setState({ error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => ctl.abort();
  }, [month]);
  return state;
}

/**
 * 按时到位率: where the headline figure comes from (summons records, or what sessions recorded
 * before summonses existed) with its numerator and denominator, and the month's figures by
 * department, the weakest first.
 */
export function ArrivalPanel({ month, headline }: { readonly month: string; readonly headline?: readonly HeadlineIndicator[] }) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const { report, error } = useArrival(month);
  const stated = arrivalHeadline(headline);
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, locale, 0));
  const rate = (r: number | null) => (r === null ? t('kpiNone') : formatPercent(r, locale));
  const cells = (c: ArrivalCounts) => (
    <>
      <td>{n(c.due)}</td>
      <td>{n(c.onTime)}</td>
      <td>{n(c.late)}</td>
      <td>{n(c.missed)}</td>
      <td>{n(c.open)}</td>
      <td class="kpi-value">{rate(c.rate)}</td>
    </>
  );
  return (
    <section class="panel kpi-arrival" data-testid="arrival" aria-label={t('kpiArrivalTitle')}>
      <h2>{t('kpiArrivalTitle')}</h2>
      {stated && (
        <p class="muted" data-testid="arrival-source" data-source={stated.source}>
          {t('kpiArrivalSource', {
            source: t(SOURCE_TEXT[stated.source]),
            numerator: label(stated.numerator.label),
            n: n(stated.numerator.value),
            denominator: label(stated.denominator.label),
            d: n(stated.denominator.value),
          })}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {t('errorGeneric', { message: error })}
        </p>
      )}
      {report && report.byDepartment.length === 0 && <p class="muted">{t('kpiArrivalNone')}</p>}
      {report && report.byDepartment.length > 0 && (
        <table class="kpi-table arrival-table">
          <thead>
            <tr>
              <th scope="col">{t('smDepartment')}</th>
              <th scope="col">{t('kpiArrivalDue')}</th>
              <th scope="col">{t('kpiArrivalOnTime')}</th>
              <th scope="col">{t('kpiArrivalLate')}</th>
              <th scope="col">{t('kpiArrivalMissed')}</th>
              <th scope="col">{t('kpiArrivalOpen')}</th>
              <th scope="col">{t('kpiArrivalRate')}</th>
            </tr>
          </thead>
          <tbody>
            {arrivalRows(report).map((r) => (
              <tr key={r.department} data-department={r.department}>
                <th scope="row">{label(labels.departments[r.department], r.department)}</th>
                {cells(r)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('kpiArrivalTotal')}</th>
              {cells(report.total)}
            </tr>
          </tfoot>
        </table>
      )}
      {report && (
        <ul class="kpi-definition">
          <li>{label(report.definition.numerator)}</li>
          <li>{label(report.definition.denominator)}</li>
          <li>{label(report.definition.period)}</li>
        </ul>
      )}
    </section>
  );
}
