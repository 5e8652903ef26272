import type { Locale } from '../../domain/i18n/locale';

/**
 * What every indicator means, printed next to the numbers (JSON `definitions`, CSV comment lines,
 * the chart's footnote). "In the period" means an instant t with from ≤ t < to.
 */
export const KPI_DEFINITIONS = {
  referred: 'Cases referred in the period.',
  settled: 'Cases settled (agreement recorded) in the period.',
  returnedToCourt: 'Cases returned to court in the period (failed attempts exhausted, term run out, or sent back).',
  withdrawn: 'Cases withdrawn in the period.',
  successRate: 'Mediation success rate (调处成功率) = settled ÷ (settled + returned to court), over cases concluded in the period; withdrawals excluded.',
  attemptSuccessRate:
    'Attempt success rate = attempts settled ÷ attempts that ended in the period after a session was held (settled, failed, or sent back to court mid-way); a case escalated after a failure counts once per attempt.',
  preLitigationRate:
    'Pre-litigation mediation rate (诉前调解率) = court-referred cases concluded in the period that had at least one mediation session held ÷ court-referred cases concluded in the period.',
  lawsuits: 'Lawsuits arising from the caseload in the period = cases returned to court + settlements sent to compulsory enforcement.',
  lawsuitsPer10k:
    'Lawsuits per 10,000 inhabitants (万人成讼率) = lawsuits ÷ population × 10,000 for the period (township population when grouped by township, else the county population); Annualised scales it by 365 ÷ period days.',
  firstSessions: 'Attempts whose first session was held in the period.',
  onTimeRate: 'On-time rate = first sessions held by the class target (ordinary 3 days, professional 10, major 7 from the start of the attempt) ÷ first sessions held in the period.',
  departmentsOnTimeRate: 'Departments on time (按时到位率) = summoned departments recorded as arriving on time ÷ arrivals recorded, in sessions held in the period.',
  daysToSettle: 'Days from referral to settlement for cases settled in the period: median and 90th percentile (nearest rank).',
  fulfilmentRate:
    'Fulfilment rate by mode = settlements fulfilled in the period by their due date ÷ settlements whose fulfilment was decided in the period (fulfilled, sent to compulsory enforcement, or due date passed unfulfilled); on the spot counts as fulfilled at settlement; the mode is the one recorded at settlement.',
  seats: 'Per mediator: seats taken on attempts assigned in the period (a panel gives each member one seat).',
  subsidyYuan: 'Per mediator: subsidy earned by attempts ended in the period (table by class and outcome, a panel split equally).',
} as const;

/**
 * The same definitions in Chinese, for the console's indicator page (`?lang=zh-CN`). Typed by the
 * English keys, so a definition added above without its translation fails to compile.
 */
const KPI_DEFINITIONS_ZH: Readonly<Record<keyof typeof KPI_DEFINITIONS, string>> = {
  referred: '统计期内受理（转入）的案件数。',
  settled: '统计期内调解成功（达成并登记协议）的案件数。',
  returnedToCourt: '统计期内退回法院的案件数（多次调解未果、调解期限届满或退回）。',
  withdrawn: '统计期内撤回的案件数。',
  successRate: '调处成功率 = 调解成功数 ÷（调解成功数 + 退回法院数），按统计期内办结的案件计算，不含撤回。',
  attemptSuccessRate:
    '按调解次数计的成功率 = 调解成功的次数 ÷ 统计期内已开过调解会、且已结束的调解次数（成功、失败或中途退回法院）；失败后升级的案件每次分别计数。',
  preLitigationRate: '诉前调解率 = 统计期内办结、且至少开过一次调解会的法院委派案件 ÷ 统计期内办结的法院委派案件。',
  lawsuits: '由案件引起的诉讼数 = 退回法院的案件 + 申请强制执行的调解协议。',
  lawsuitsPer10k:
    '万人成讼率 = 诉讼数 ÷ 人口 × 10,000，按统计期计算（按乡镇分组时用乡镇人口，否则用全县人口）；年化值再乘以 365 ÷ 统计期天数。',
  firstSessions: '首次调解会在统计期内召开的调解次数。',
  onTimeRate: '首次调解按时率 = 在类别时限内（普通3天、专业10天、重大7天，自本次调解开始起算）召开的首次调解会 ÷ 统计期内召开的首次调解会。',
  departmentsOnTimeRate: '按时到位率 = 记录为按时到场的被召集部门 ÷ 统计期内所开调解会中记录的到场数。',
  daysToSettle: '统计期内调解成功的案件，自转入到达成协议的天数：中位数与第90百分位（最近秩法）。',
  fulfilmentRate:
    '按履行方式的履行率 = 统计期内按期履行的协议 ÷ 统计期内履行结果已确定的协议（已履行、申请强制执行，或到期未履行）；当场履行视为在达成协议时履行；履行方式以达成协议时登记的为准。',
  seats: '每位调解员：统计期内分派给其的调解席位数（合议组中每位成员各占一席）。',
  subsidyYuan: '每位调解员：统计期内结束的调解所得补贴（按案件类别与结果查表，合议组平均分配）。',
};

/** The definitions in a language the service speaks: English as above, or Chinese. */
export function kpiDefinitionsIn(locale: Locale): Readonly<Record<keyof typeof KPI_DEFINITIONS, string>> {
  return locale === 'en' ? KPI_DEFINITIONS : KPI_DEFINITIONS_ZH;
}
