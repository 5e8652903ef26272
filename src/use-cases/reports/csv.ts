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

export const KPI_CSV_COLUMNS = [
  'group',
  'referred',
  'settled',
  'returnedToCourt',
  'withdrawn',
  'successRate',
  'attemptsEnded',
  'attemptSuccessRate',
  'courtConcluded',
  'preLitigationRate',
  'lawsuits',
  'lawsuitsPer10k',
  'lawsuitsPer10kAnnualised',
  'firstSessions',
  'onTimeRate',
  'arrivals',
  'departmentsOnTimeRate',
  'daysToSettleMedian',
  'daysToSettleP90',
  ...FULFILMENT_MODES.map((m) => `fulfilmentRate_${m}`),
] as const;

function rowFields(r: KpiRow): (string | number | null)[] {
  return [
    r.group, r.referred, r.settled, r.returnedToCourt, r.withdrawn, r.successRate, r.attemptsEnded, r.attemptSuccessRate, r.courtConcluded, r.preLitigationRate,
    r.lawsuits, r.lawsuitsPer10k, r.lawsuitsPer10kAnnualised, r.firstSessions, r.onTimeRate, r.arrivals,
    r.departmentsOnTimeRate, r.daysToSettleMedian, r.daysToSettleP90, ...FULFILMENT_MODES.map((m) => r.fulfilment[m].rate),
  ];
}

/**
 * The indicators as CSV: `#` comment lines with the period and every definition, a header, one
 * row per group and a `total` row. Rates are fractions (0.72), empty when undefined (0 ÷ 0).
 */
export function kpisToCsv(report: KpiReport): string {
  const comments = [
    `# tiaojie indicators from ${report.from} to ${report.to} (${report.days} days), by ${report.by ?? 'none'}, population ${report.population}`,
    ...Object.entries(KPI_DEFINITIONS).map(([k, v]) => `# ${k}: ${v}`),
  ];
  const rows = [...report.rows, report.total].map((r) => line(rowFields(r)));
  return [...comments, line([...KPI_CSV_COLUMNS]), ...rows].join('\r\n') + '\r\n';
}

/** Load and subsidy per mediator as CSV. */
export function mediatorsToCsv(rows: readonly MediatorKpi[]): string {
  return [line(['mediatorId', 'tier', 'organization', 'seats', 'subsidyYuan']), ...rows.map((m) => line([m.mediatorId, m.tier, m.organization, m.seats, m.subsidyYuan]))].join('\r\n') + '\r\n';
}
