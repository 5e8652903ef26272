import { useCallback, useMemo } from 'preact/hooks';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import type { TextKey } from '../text';
import { Chart, type SeriesStyle } from './chart';
import type { Breakdown, KpiReport } from './report';
import { monthName, seriesOf, withActivity } from './series';

const BLUE = '#0b5cad';
const GREEN = '#1e7d32';
const ORANGE = '#b25d00';
const PURPLE = '#6b3fa0';

const BREAKDOWN_TITLE: Readonly<Record<Breakdown, TextKey>> = { township: 'kpiByTownship', channel: 'kpiByChannel', class: 'kpiByClass' };

const isShare = (k: string) => k.endsWith('Rate');

/** The twelve months: the assessed rates as lines, and referred / settled cases. */
export function MonthCharts({ report }: { readonly report: KpiReport }) {
  const { t, locale } = useLocale();
  const short = useCallback((m: string) => monthName(m, locale, true), [locale]);
  const rates = useMemo(
    () => seriesOf(report.rows, ['successRate', 'preLitigationRate', 'departmentsOnTimeRate'], short, isShare),
    [report, short],
  );
  const counts = useMemo(() => seriesOf(report.rows, ['referred', 'settled'], short, isShare), [report, short]);
  const first = report.rows[0]?.group;
  const last = report.rows[report.rows.length - 1]?.group;
  const span = first && last ? `${monthName(first, locale)} – ${monthName(last, locale)}` : '';
  const range = locale === 'en' ? ` (${span})` : `（${span}）`;
  const rateStyles: SeriesStyle[] = [
    { label: t('kpi_successRate'), colour: BLUE, scale: 'pct' },
    { label: t('kpi_preLitigationRate'), colour: ORANGE, scale: 'pct' },
    { label: t('kpi_departmentsOnTimeRate'), colour: GREEN, scale: 'pct' },
  ];
  const countStyles: SeriesStyle[] = [
    { label: t('kpi_referred'), colour: BLUE, scale: 'n', kind: 'bars' },
    { label: t('kpi_settled'), colour: GREEN, scale: 'n' },
  ];
  return (
    <div class="kpi-charts">
      <figure class="panel">
        <figcaption>
          {t('kpiByMonth')}
          {range} · {t('kpiChartRates')}
        </figcaption>
        <Chart title={`${t('kpiByMonth')} · ${t('kpiChartRates')}`} data={rates} styles={rateStyles} />
      </figure>
      <figure class="panel">
        <figcaption>
          {t('kpiByMonth')}
          {range} · {t('kpiChartCounts')}
        </figcaption>
        <Chart title={`${t('kpiByMonth')} · ${t('kpiChartCounts')}`} data={counts} styles={countStyles} />
      </figure>
    </div>
  );
}

/** The month by one grouping: cases referred as bars, the success rate as points on the % axis. */
export function BreakdownChart({
  by,
  report,
  townshipName,
}: {
  readonly by: Breakdown;
  readonly report: KpiReport;
  readonly townshipName: (id: string) => string;
}) {
  const { t, label } = useLocale();
  const labels = useLabels();
  const nameOf = useMemo(() => {
    if (by === 'township') return townshipName;
    const map = by === 'channel' ? labels.channels : labels.classes;
    return (g: string) => label(map[g], g);
  }, [by, labels, label, townshipName]);
  const rows = useMemo(() => withActivity(report.rows), [report]);
  const data = useMemo(() => seriesOf(rows, ['referred', 'successRate'], nameOf, isShare), [rows, nameOf]);
  const styles: SeriesStyle[] = [
    { label: t('kpi_referred'), colour: PURPLE, scale: 'n', kind: 'bars' },
    { label: t('kpi_successRate'), colour: BLUE, scale: 'pct' },
  ];
  return (
    // Townships are many and their names long: that chart takes the whole row.
    <figure class={by === 'township' ? 'panel kpi-wide' : 'panel'}>
      <figcaption>{t(BREAKDOWN_TITLE[by])}</figcaption>
      {rows.length === 0 ? <p class="muted">{t('kpiChartEmpty')}</p> : <Chart title={t(BREAKDOWN_TITLE[by])} data={data} styles={styles} />}
    </figure>
  );
}
