import type { BaselineFigure } from '../../domain/config/county-baseline';
import { INDICATOR_LABELS, type AssessedIndicator } from '../../domain/indicators';
import type { Label } from '../../domain/labels';
import { kpiDefinitionsIn, KPI_DEFINITIONS } from './definitions';
import type { KpiReport } from './kpis';
import { ratio, type KpiRow } from './tally';

/** A count behind a rate, with what it counts. */
export interface Term {
  readonly value: number | null;
  readonly label: Label;
}

/** A figure shown beside the headline (attempt-level, court referrals only), labelled. */
export interface BesideFigure {
  readonly id: string;
  readonly label: Label;
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}

/** One assessed indicator exactly as the report states it: figure, terms, period, source, definition. */
export interface HeadlineIndicator {
  readonly id: AssessedIndicator;
  readonly name: Label;
  readonly value: number | null;
  readonly unit: 'per_10k_per_year' | 'share';
  readonly numerator: Term;
  readonly denominator: Term;
  readonly period: { readonly from: string; readonly to: string };
  /** Where the figure comes from: `recorded_at_sessions` is the stand-in for summonses until they are wired. */
  readonly source: 'court_figures' | 'case_files' | 'summonses' | 'recorded_at_sessions';
  /** Why `value` is null, when it is. */
  readonly unavailable: { readonly reason: 'no_court_figures' | 'nothing_to_count'; readonly detail: string } | null;
  readonly beside: readonly BesideFigure[];
  readonly definition: Label;
  /** The county's published figures for it (`compare=baseline`), each marked given / derived / not known. */
  readonly published?: readonly BaselineFigure[];
}

const definition = (key: keyof typeof KPI_DEFINITIONS): Label => ({ en: KPI_DEFINITIONS[key], zh: kpiDefinitionsIn('zh-CN')[key] });
const none = (what: string) => ({ reason: 'nothing_to_count' as const, detail: `no ${what} in the period` });

function lawsuits(r: KpiReport): Omit<HeadlineIndicator, 'period' | 'published'> {
  const t = r.total;
  const missing = r.court.status === 'no_court_figures' ? r.court.missingMonths : [];
  return {
    id: 'lawsuitsPer10k',
    name: INDICATOR_LABELS.lawsuitsPer10k,
    value: t.lawsuitsPer10kAnnualised,
    unit: 'per_10k_per_year',
    numerator: { value: t.lawsuits, label: { zh: '民商事案件立案数', en: 'civil/commercial cases filed in court' } },
    denominator: { value: r.population, label: { zh: '常住人口（÷10,000，按年计）', en: 'resident population (÷ 10,000, per year)' } },
    source: 'court_figures',
    unavailable:
      missing.length > 0
        ? { reason: 'no_court_figures', detail: `no court figures for ${missing.length > 3 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more months` : missing.join(', ')}` }
        : null,
    beside: [],
    definition: definition('lawsuitsPer10k'),
  };
}

function preLitigation(r: KpiReport): Omit<HeadlineIndicator, 'period' | 'published'> {
  const t = r.total;
  const base = lawsuits(r);
  return {
    id: 'preLitigationRate',
    name: INDICATOR_LABELS.preLitigationRate,
    value: t.preLitigationRate,
    unit: 'share',
    numerator: { value: t.courtTransferred, label: { zh: '法院委派诉前调解数', en: 'transferred by the court to pre-filing mediation' } },
    denominator: {
      value: t.courtTransferred === null || t.courtFiledDirectly === null ? null : t.courtTransferred + t.courtFiledDirectly,
      label: { zh: '委派数 + 直接立案的民商事案件数', en: 'transferred + civil/commercial cases filed directly' },
    },
    source: 'court_figures',
    unavailable: base.unavailable ?? (t.preLitigationRate === null ? none('court intake') : null),
    beside: [],
    definition: definition('preLitigationRate'),
  };
}

function success(t: KpiRow): Omit<HeadlineIndicator, 'period' | 'published'> {
  return {
    id: 'successRate',
    name: INDICATOR_LABELS.successRate,
    value: t.successRate,
    unit: 'share',
    numerator: { value: t.settled, label: { zh: '调解成功的案件', en: 'cases settled' } },
    denominator: { value: t.concluded, label: { zh: '调解终结的案件（成功 + 退回法院 + 调解开始后撤回）', en: 'cases whose mediation concluded (settled + returned to court + withdrawn after mediation began)' } },
    source: 'case_files',
    unavailable: t.successRate === null ? none('concluded cases') : null,
    beside: [
      { id: 'attemptSuccessRate', label: { zh: '按调解次数计', en: 'attempt-level' }, value: t.attemptSuccessRate, numerator: t.attemptsSettled, denominator: t.attemptsEnded },
      { id: 'courtSuccessRate', label: { zh: '诉调案件，按案件计', en: 'court referrals, case-level' }, value: t.courtSuccessRate, numerator: t.courtSettled, denominator: t.courtConcluded },
      {
        id: 'courtAttemptSuccessRate',
        label: { zh: '诉调案件，按调解次数计', en: 'court referrals, attempt-level' },
        value: t.courtAttemptSuccessRate,
        numerator: t.courtAttemptsSettled,
        denominator: t.courtAttemptsEnded,
      },
    ],
    definition: definition('successRate'),
  };
}

function arrival(r: KpiReport): Omit<HeadlineIndicator, 'period' | 'published'> {
  const s = r.summonsArrival;
  const t = r.total;
  const value = s ? ratio(s.onTime, s.due) : t.departmentsOnTimeRate;
  return {
    id: 'departmentsOnTimeRate',
    name: INDICATOR_LABELS.departmentsOnTimeRate,
    value,
    unit: 'share',
    numerator: s
      ? { value: s.onTime, label: { zh: '按时签到的召集', en: 'summonses checked in by the required time' } }
      : { value: t.arrivalsOnTime, label: { zh: '调解会登记为按时到场的部门', en: 'departments recorded on time at sessions' } },
    denominator: s
      ? { value: s.due, label: { zh: '到期的召集', en: 'summonses due' } }
      : { value: t.arrivals, label: { zh: '调解会登记的到场数', en: 'arrivals recorded at sessions' } },
    source: s ? 'summonses' : 'recorded_at_sessions',
    unavailable: value === null ? none(s ? 'summonses due' : 'arrivals recorded') : null,
    beside: [],
    definition: definition('departmentsOnTimeRate'),
  };
}

function quality(r: KpiReport): Omit<HeadlineIndicator, 'period' | 'published'> {
  const t = r.total;
  return {
    id: 'highQualityRate',
    name: INDICATOR_LABELS.highQualityRate,
    value: t.highQualityRate,
    unit: 'share',
    numerator: { value: t.qualityHigh, label: { zh: '优质的调解协议', en: 'settlements of high quality' } },
    denominator: {
      value: t.qualityCounted,
      label: { zh: `观察期（${r.qualityWindowDays}天）已结束的调解协议；另有${t.qualityPending}件未到期、暂不计入`, en: `settlements whose ${r.qualityWindowDays}-day window has ended; ${t.qualityPending} more not counted yet` },
    },
    source: 'case_files',
    unavailable: t.highQualityRate === null ? none(`settlements whose ${r.qualityWindowDays}-day window has ended`) : null,
    beside: [],
    definition: definition('highQualityRate'),
  };
}

/**
 * The four assessed indicators and 优质率, each with its numerator, denominator, period, source and
 * definition in both languages; with `baseline`, the county's published figures beside each.
 */
export function headlineIndicators(r: KpiReport, baseline?: readonly BaselineFigure[]): HeadlineIndicator[] {
  const period = { from: r.from, to: r.to };
  return [lawsuits(r), preLitigation(r), success(r.total), arrival(r), quality(r)].map((i) => ({
    ...i,
    period,
    ...(baseline ? { published: baseline.filter((b) => b.indicator === i.id) } : {}),
  }));
}
