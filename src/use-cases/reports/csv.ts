import { FULFILMENT_MODES } from '../../domain/fulfilment';
import { KPI_DEFINITIONS } from './definitions';
import type { KpiReport, KpiRow, MediatorKpi } from './kpis';

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (fields: readonly (string | number | null)[]): string => fields.map(csvField).join(',');

/** Every figure of a row, in column order (the fulfilment rates by mode follow). */
const ROW_FIGURES = [
  'referred',
  'settled',
  'returnedToCourt',
  'withdrawn',
  'withdrawnAfterMediation',
  'concluded',
  'successRate',
  'attemptsEnded',
  'attemptsSettled',
  'attemptSuccessRate',
  'courtConcluded',
  'courtSettled',
  'courtSuccessRate',
  'courtAttemptsEnded',
  'courtAttemptsSettled',
  'courtAttemptSuccessRate',
  'lawsuits',
  'courtTransferred',
  'courtFiledDirectly',
  'preLitigationRate',
  'lawsuitsPer10k',
  'lawsuitsPer10kAnnualised',
  'referredPer10kAnnualised',
  'firstSessions',
  'onTimeRate',
  'arrivals',
  'arrivalsOnTime',
  'departmentsOnTimeRate',
  'qualityCounted',
  'qualityHigh',
  'qualityPending',
  'highQualityRate',
  'daysToSettleMedian',
  'daysToSettleP90',
] as const satisfies readonly (keyof KpiRow)[];

export const KPI_CSV_COLUMNS = ['group', ...ROW_FIGURES, ...FULFILMENT_MODES.map((m) => `fulfilmentRate_${m}`)] as const;

function rowFields(r: KpiRow): (string | number | null)[] {
  return [r.group, ...ROW_FIGURES.map((k) => r[k]), ...FULFILMENT_MODES.map((m) => r.fulfilment[m].rate)];
}

/**
 * The indicators as CSV: `#` comment lines with the period and every definition, a header, one
 * row per group and a `total` row. Rates are fractions (0.72), empty when undefined (0 ÷ 0).
 */
export function kpisToCsv(report: KpiReport): string {
  const comments = [
    `# tiaojie indicators from ${report.from} to ${report.to} (${report.days} days), by ${report.by ?? 'none'}, population ${report.population}, quality window ${report.qualityWindowDays} days`,
    report.court.status === 'ok'
      ? `# court figures: ${report.court.months.join(' ')}`
      : `# court figures: none for ${report.court.missingMonths.join(' ')} (lawsuits, lawsuitsPer10k, preLitigationRate empty)`,
    report.summonsArrival ? "# departmentsOnTimeRate: from summonses" : "# departmentsOnTimeRate: recorded at sessions (no summons records given)",
    ...Object.entries(KPI_DEFINITIONS).map(([k, v]) => `# ${k}: ${v}`),
  ];
  const rows = [...report.rows, report.total].map((r) => line(rowFields(r)));
  return [...comments, line([...KPI_CSV_COLUMNS]), ...rows].join('\r\n') + '\r\n';
}

/** Load and subsidy per mediator as CSV. */
export function mediatorsToCsv(rows: readonly MediatorKpi[]): string {
  return [line(['mediatorId', 'tier', 'organization', 'seats', 'subsidyYuan']), ...rows.map((m) => line([m.mediatorId, m.tier, m.organization, m.seats, m.subsidyYuan]))].join('\r\n') + '\r\n';
}
