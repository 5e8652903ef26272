import { useLocale } from '../locale';
import { INDICATORS, statedValue, type KpiReport } from './report';
import { formatIndicator, indicatorText } from './words';

/** The month's figures, each with its definition in words (from the API, in the reader's language). */
export function IndicatorTable({ report }: { readonly report: KpiReport }) {
  const locale = useLocale();
  const { t } = locale;
  return (
    <table class="kpi-table">
      <thead>
        <tr>
          <th scope="col">{t('kpiIndicator')}</th>
          <th scope="col">{t('kpiValue')}</th>
          <th scope="col">{t('kpiDefinition')}</th>
        </tr>
      </thead>
      <tbody>
        {INDICATORS.map((i) => (
          <tr key={i.key}>
            <th scope="row">{t(indicatorText(i))}</th>
            <td class="kpi-value" data-indicator={i.key}>
              {formatIndicator(i, statedValue(i, report), locale)}
            </td>
            <td class="kpi-definition">{report.localDefinitions[i.definition] ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
