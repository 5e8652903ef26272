import type { Locale } from '../../domain/i18n/locale';

/**
 * What every indicator means, printed next to the numbers (JSON `definitions`, CSV comment lines,
 * the chart's footnote). "In the period" means an instant t with from ≤ t < to.
 */
export const KPI_DEFINITIONS = {
  referred: 'Cases referred in the period.',
  settled: 'Cases settled (agreement recorded) in the period.',
  returnedToCourt: 'Cases returned to court in the period (failed attempts exhausted, term run out, or sent back).',
  withdrawn: 'Cases withdrawn in the period; withdrawnAfterMediation: those withdrawn after a mediation session had been held.',
  successRate:
    'Mediation success rate (调处成功率), case-level — the headline: cases settled in the period ÷ cases whose mediation concluded in the period (settled + returned to court + withdrawn after mediation began). A case escalated after a failed attempt counts once, by how it ended.',
  attemptSuccessRate:
    'Attempt-level success rate (beside the headline, not the assessed figure): attempts settled ÷ attempts that ended in the period after a session was held (settled, failed, or sent back to court mid-way); a case escalated after a failure counts once per attempt.',
  courtSuccessRate:
    'Mediation success rate of court-referred cases (诉调), case-level: the case-level rate over cases the court referred — the county\'s "20% → 72%" is read as this figure; courtAttemptSuccessRate is its attempt-level rate.',
  preLitigationRate:
    'Pre-litigation mediation rate (诉前调解率) = disputes the court transferred to pre-filing mediation ÷ (transferred + civil/commercial cases filed directly, i.e. filings less those filed after a failed mediation), from the court\'s monthly figures over the period (a month cut by the period counts by its share of days); county-wide only; null when a month of the period has no court figures.',
  lawsuits: 'Lawsuits = civil/commercial cases filed in the county\'s court in the period, from its monthly figures (courtTransferred, courtFiledDirectly likewise); null without court figures.',
  lawsuitsPer10k:
    'Lawsuits per 10,000 inhabitants (万人成讼率) = civil/commercial filings in the period ÷ resident population (the setting, with its year) × 10,000, annualised (× 365 ÷ days in the period); lawsuitsPer10k is the same over the period as it is. County-wide only; null, with the reason, when the period has no court figures — never 0.',
  referredPer10k: 'Disputes referred to the centre per 10,000 inhabitants a year (the township\'s population when grouped by township).',
  firstSessions: 'Attempts whose first session was held in the period.',
  onTimeRate: 'First session on time = first sessions held by the class target (ordinary 3 days, professional 10, major 7 from the start of the attempt) ÷ first sessions held in the period.',
  departmentsOnTimeRate:
    'On-time arrival rate (按时到位率), as assessed: summonses of departments checked in by their required time ÷ summonses due in the period (requiredBy in the period and not after the report, not cancelled), from the summons records (/v1/summonses); by department: GET /v1/reports/summons-arrival. Where a caller gives no summons records, the figure is the arrivals recorded at sessions instead, labelled so (source recorded_at_sessions).',
  highQualityRate:
    'High-quality rate (优质率; the account gives no definition — this is the project\'s): settlements of the period that were fulfilled within the quality window (default 90 days after settlement), not sent to compulsory enforcement within it, not sent back to litigation (a reneged unconfirmed agreement) within it and not returned to court within it ÷ settlements of the period whose window has ended. Settlements whose window has not ended are not counted yet (qualityPending). Complaints and petitions after settlement are not recorded by this version.',
  daysToSettle: 'Days from referral to settlement for cases settled in the period: median and 90th percentile (nearest rank).',
  fulfilmentRate:
    'Fulfilment rate by mode = settlements fulfilled in the period by their due date ÷ settlements whose fulfilment was decided in the period (fulfilled, sent to compulsory enforcement, sent back to litigation, or due date passed unfulfilled); on the spot counts as fulfilled at settlement; the mode is the one recorded at settlement.',
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
  withdrawn: '统计期内撤回的案件数；其中调解开始后（已开过调解会）撤回的另计。',
  successRate:
    '调处成功率（按案件计，主指标）= 统计期内调解成功的案件 ÷ 统计期内调解终结的案件（调解成功 + 退回法院 + 调解开始后撤回）。失败后升级的案件按最终结果计一次。',
  attemptSuccessRate:
    '按调解次数计的成功率（列于主指标旁，非考核口径）= 调解成功的次数 ÷ 统计期内已开过调解会、且已结束的调解次数（成功、失败或中途退回法院）；失败后升级的案件每次分别计数。',
  courtSuccessRate: '诉调案件调处成功率（按案件计）：法院委派案件的按案件计成功率——全县“由20%提高到72%”按此口径理解；courtAttemptSuccessRate 为其按次数计的成功率。',
  preLitigationRate:
    '诉前调解率 = 法院委派诉前调解的纠纷 ÷（委派数 + 直接立案的民商事案件数，即立案数减去调解不成后立案的数），依法院月度数据按统计期汇总（统计期只覆盖部分月份时按天数比例计）；仅全县口径；统计期内任一月份无法院数据时为空。',
  lawsuits: '诉讼数 = 统计期内县法院民商事案件立案数（来自法院月度数据；委派数、直接立案数同）；无法院数据时为空。',
  lawsuitsPer10k:
    '万人成讼率 = 统计期内民商事立案数 ÷ 常住人口（设置值及其年份）× 10,000，按年计（× 365 ÷ 统计期天数）；lawsuitsPer10k 为不年化的统计期数值。仅全县口径；统计期无法院数据时为空并说明原因，而不是0。',
  referredPer10k: '每万人每年转入中心的纠纷数（按乡镇分组时用乡镇人口）。',
  firstSessions: '首次调解会在统计期内召开的调解次数。',
  onTimeRate: '首次调解按时率 = 在类别时限内（普通3天、专业10天、重大7天，自本次调解开始起算）召开的首次调解会 ÷ 统计期内召开的首次调解会。',
  departmentsOnTimeRate:
    '按时到位率（考核口径）：在要求到位时间（含）之前签到的部门召集（吹哨）数 ÷ 统计期内到期的召集数（要求到位时间在统计期内且不晚于统计时点，已撤销的不计），取自召集记录（/v1/summonses）；分部门见 GET /v1/reports/summons-arrival。调用方未提供召集记录时，改用“调解会登记”的到场数据，并注明来源（recorded_at_sessions）。',
  highQualityRate:
    '优质率（通报未给出定义，此为本项目口径）= 统计期内达成协议、在质量观察期内（默认达成协议后90天）已履行、未申请强制执行、未因反悔（协议未经确认）转入诉讼且未退回法院的案件 ÷ 统计期内达成协议且观察期已结束的案件。观察期未结束的暂不计入（qualityPending）。本版本尚不记录达成协议后的投诉与信访。',
  daysToSettle: '统计期内调解成功的案件，自转入到达成协议的天数：中位数与第90百分位（最近秩法）。',
  fulfilmentRate:
    '按履行方式的履行率 = 统计期内按期履行的协议 ÷ 统计期内履行结果已确定的协议（已履行、申请强制执行、转入诉讼，或到期未履行）；当场履行视为在达成协议时履行；履行方式以达成协议时登记的为准。',
  seats: '每位调解员：统计期内分派给其的调解席位数（合议组中每位成员各占一席）。',
  subsidyYuan: '每位调解员：统计期内结束的调解所得补贴（按案件类别与结果查表，合议组平均分配）。',
};

/** The definitions in a language the service speaks: English as above, or Chinese. */
export function kpiDefinitionsIn(locale: Locale): Readonly<Record<keyof typeof KPI_DEFINITIONS, string>> {
  return locale === 'en' ? KPI_DEFINITIONS : KPI_DEFINITIONS_ZH;
}
