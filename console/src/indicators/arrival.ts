/**
 * 按时到位率 as the indicators page shows it: the headline indicator's terms and source
 * (GET /v1/reports/kpis `indicators`) and the period's figures by department
 * (GET /v1/reports/summons-arrival). Pure: tested in node.
 */
import type { Label } from '../label';
import type { TextKey } from '../text';

/** An assessed indicator as the report states it (the parts the page shows). */
export interface HeadlineIndicator {
  readonly id: string;
  readonly value: number | null;
  readonly numerator: { readonly value: number | null; readonly label: Label };
  readonly denominator: { readonly value: number | null; readonly label: Label };
  readonly source: 'court_figures' | 'case_files' | 'summonses' | 'recorded_at_sessions';
}

export interface ArrivalCounts {
  readonly due: number;
  readonly onTime: number;
  readonly late: number;
  readonly missed: number;
  /** Past the required time, within the clock's grace. */
  readonly open: number;
  readonly rate: number | null;
}

/** GET /v1/reports/summons-arrival. */
export interface ArrivalReport {
  readonly from: string;
  readonly to: string;
  readonly total: ArrivalCounts;
  readonly byDepartment: readonly (ArrivalCounts & { readonly department: string })[];
  readonly definition: { readonly numerator: Label; readonly denominator: Label; readonly period: Label };
}

/** Where each indicator's figures come from, in words (text.ts). */
export const SOURCE_TEXT: Readonly<Record<HeadlineIndicator['source'], TextKey>> = {
  summonses: 'kpiSourceSummonses',
  recorded_at_sessions: 'kpiSourceSessions',
  court_figures: 'kpiSourceCourt',
  case_files: 'kpiSourceCases',
};

/** The headline 按时到位率 of a report, when it states one. */
export const arrivalHeadline = (indicators: readonly HeadlineIndicator[] | undefined): HeadlineIndicator | undefined =>
  indicators?.find((i) => i.id === 'departmentsOnTimeRate');

/**
 * The departments with something due, the weakest first (lowest rate; a department with nothing due
 * yet has no rate and goes last), ties by more due first then by id: the rows a director reads for
 * whom to call.
 */
export function arrivalRows(report: ArrivalReport): ArrivalReport['byDepartment'] {
  const rank = (r: number | null) => (r === null ? Number.POSITIVE_INFINITY : r);
  return [...report.byDepartment].sort(
    (a, b) => rank(a.rate) - rank(b.rate) || b.due - a.due || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0),
  );
}
