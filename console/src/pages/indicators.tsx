import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { ArrivalPanel } from '../indicators/arrival-panel';
import { BreakdownChart, MonthCharts } from '../indicators/charts';
import { indicatorsCsv, type CsvSection } from '../indicators/export';
import { IndicatorTable } from '../indicators/indicator-table';
import { BREAKDOWNS, type Indicator } from '../indicators/report';
import { localMonthOf, monthName, recentMonths } from '../indicators/series';
import { SubsidyPanel } from '../indicators/subsidy-panel';
import { useReports, type Reports } from '../indicators/use-reports';
import { indicatorText } from '../indicators/words';
import '../indicators/indicators.css';

/** Months offered in the picker, the current one first. */
const MONTHS_OFFERED = 24;

/** An object URL of the CSV for the export link, revoked when it changes. */
function useCsvUrl(csv: string | undefined): string | undefined {
  const url = useMemo(
    () => (csv === undefined ? undefined : URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))),
    [csv],
  );
  useEffect(() => () => url && URL.revokeObjectURL(url), [url]);
  return url;
}

/** 考核指标: the month's assessed indicators with their definitions, charts, the subsidy budget and a CSV export. */
export function Indicators() {
  const locale = useLocale();
  const { t, label } = locale;
  const labels = useLabels();
  const [month, setMonth] = useState(() => localMonthOf(new Date()));
  const { reports, error, loading } = useReports(month, locale.locale);
  const townshipName = useCallback((id: string) => label(reports?.townships.get(id), id), [reports, label]);
  const csv = useMemo(
    () => (reports ? csvOf(reports, month, locale, labels, townshipName) : undefined),
    [reports, month, locale, labels, townshipName],
  );
  const csvUrl = useCsvUrl(csv);
  return (
    <section data-page="indicators" data-ready={reports ? 'true' : undefined}>
      <div class="kpi-head">
        <h1>{t('navIndicators')}</h1>
        <label>
          {t('kpiPeriod')}{' '}
          <select value={month} onChange={(e) => setMonth(e.currentTarget.value)}>
            {recentMonths(localMonthOf(new Date()), MONTHS_OFFERED).map((m) => (
              <option key={m} value={m}>
                {monthName(m, locale.locale)}
              </option>
            ))}
          </select>
        </label>
        {csvUrl && (
          <a class="kpi-export" data-action="export-csv" href={csvUrl} download={`${t('navIndicators')}-${month}.csv`}>
            {t('kpiExportCsv')}
          </a>
        )}
        {loading && reports && <span class="muted">{t('loading')}</span>}
      </div>
      {error !== undefined && (
        <p class="error" role="alert">
          {t('errorGeneric', { message: error })}
        </p>
      )}
      {!reports && !error && <p class="muted">{t('loading')}</p>}
      {reports && (
        <>
          <IndicatorTable report={reports.breakdowns.township} />
          <ArrivalPanel month={month} headline={reports.breakdowns.township.indicators} />
          <MonthCharts report={reports.byMonth} />
          <div class="kpi-charts">
            {BREAKDOWNS.map((by) => (
              <BreakdownChart key={by} by={by} report={reports.breakdowns[by]} townshipName={townshipName} />
            ))}
          </div>
          <SubsidyPanel ledger={reports.subsidy} />
        </>
      )}
    </section>
  );
}

function csvOf(
  reports: Reports,
  month: string,
  locale: ReturnType<typeof useLocale>,
  labels: ReturnType<typeof useLabels>,
  townshipName: (id: string) => string,
): string {
  const { t, label } = locale;
  const same = (g: string) => g;
  const sections: CsvSection[] = [
    { title: t('kpiTotal'), rows: [{ ...reports.breakdowns.township.total, group: month }], groupName: same },
    { title: t('kpiByMonth'), rows: reports.byMonth.rows, groupName: same },
    { title: t('kpiByTownship'), rows: reports.breakdowns.township.rows, groupName: townshipName },
    { title: t('kpiByChannel'), rows: reports.breakdowns.channel.rows, groupName: (g) => label(labels.channels[g], g) },
    { title: t('kpiByClass'), rows: reports.breakdowns.class.rows, groupName: (g) => label(labels.classes[g], g) },
  ];
  const unit = (i: Indicator) => (i.kind === 'share' ? (locale.locale === 'en' ? ' (%)' : '（%）') : '');
  return indicatorsCsv(sections, {
    grouping: t('kpiSection'),
    group: t('kpiGroup'),
    definition: t('kpiDefinition'),
    indicator: (i) => t(indicatorText(i)) + unit(i),
    definitions: reports.breakdowns.township.localDefinitions,
  });
}
