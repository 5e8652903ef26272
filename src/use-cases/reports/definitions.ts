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
