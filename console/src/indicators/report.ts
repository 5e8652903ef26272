/**
 * The shapes the indicator page reads (GET /v1/reports/kpis, /v1/reports/subsidy) and the
 * indicators it shows, each tied to its definition's key in the API's `localDefinitions`.
 */
import type { HeadlineIndicator } from './arrival';

export interface KpiRow {
  readonly group: string;
  readonly referred: number;
  readonly settled: number;
  readonly returnedToCourt: number;
  readonly withdrawn: number;
  /** Case-level (issue 17): settled ÷ settled + returned + withdrawn after mediation began. */
  readonly successRate: number | null;
  readonly attemptSuccessRate: number | null;
  /** Case-level, court referrals only (the county's "72%"). */
  readonly courtSuccessRate: number | null;
  /** From the court's figures: null without them. */
  readonly preLitigationRate: number | null;
  readonly lawsuits: number | null;
  readonly lawsuitsPer10kAnnualised: number | null;
  readonly onTimeRate: number | null;
  readonly departmentsOnTimeRate: number | null;
  readonly highQualityRate: number | null;
  readonly daysToSettleMedian: number | null;
}

export interface KpiReport {
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly by: string | null;
  readonly population: number;
  readonly total: KpiRow;
  readonly rows: readonly KpiRow[];
  readonly localDefinitions: Readonly<Record<string, string>>;
  /** The assessed indicators as stated: terms, source (issue 17). */
  readonly indicators?: readonly HeadlineIndicator[];
}

export interface SubsidyLedger {
  readonly month: string;
  readonly totalYuan: number;
  readonly budgetYuan: number;
  readonly overBudget: boolean;
  readonly warnings: readonly { readonly share: number; readonly thresholdYuan: number }[];
  readonly entries: readonly { readonly class: string; readonly outcome: string; readonly yuan: number }[];
}

/** How a figure reads: a share (as %), a rate per 10,000, days, or a count. */
export type IndicatorKind = 'share' | 'per10k' | 'days' | 'count';

/** The keys of KpiRow that hold a figure. */
export type IndicatorKey = Exclude<keyof KpiRow, 'group'>;

export interface Indicator {
  readonly key: IndicatorKey;
  readonly kind: IndicatorKind;
  /** The key of its definition in `localDefinitions`. */
  readonly definition: string;
}

/**
 * The assessed indicators first (调处成功率 — case-level, with court referrals beside it —, 诉前调解率,
 * 万人成讼率, 按时到位率, and 优质率), then the figures that explain them.
 */
export const INDICATORS: readonly Indicator[] = [
  { key: 'successRate', kind: 'share', definition: 'successRate' },
  { key: 'courtSuccessRate', kind: 'share', definition: 'courtSuccessRate' },
  { key: 'preLitigationRate', kind: 'share', definition: 'preLitigationRate' },
  { key: 'lawsuitsPer10kAnnualised', kind: 'per10k', definition: 'lawsuitsPer10k' },
  { key: 'departmentsOnTimeRate', kind: 'share', definition: 'departmentsOnTimeRate' },
  { key: 'highQualityRate', kind: 'share', definition: 'highQualityRate' },
  { key: 'attemptSuccessRate', kind: 'share', definition: 'attemptSuccessRate' },
  { key: 'onTimeRate', kind: 'share', definition: 'onTimeRate' },
  { key: 'daysToSettleMedian', kind: 'days', definition: 'daysToSettle' },
  { key: 'referred', kind: 'count', definition: 'referred' },
  { key: 'settled', kind: 'count', definition: 'settled' },
  { key: 'returnedToCourt', kind: 'count', definition: 'returnedToCourt' },
];

/** The groupings charted beside the months. */
export const BREAKDOWNS = ['township', 'channel', 'class'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * The figure the page shows for an indicator: the assessed indicator as the report states it when
 * it states one under the same key (按时到位率 from the summonses once there are any, where the
 * row still holds what sessions recorded), else the row's own figure.
 */
export function statedValue(i: Indicator, report: Pick<KpiReport, 'total' | 'indicators'>): number | null {
  const stated = report.indicators?.find((h) => h.id === i.key);
  return stated ? stated.value : report.total[i.key];
}
