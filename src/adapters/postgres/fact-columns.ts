import { PLAIN_COUNTS, type PlainCount, type PlainCounts } from '../../use-cases/reports/counting-instants';

/** Each plain count's column in `case_facts`. */
export const FACT_COLUMNS = {
  referred: 'referred',
  settled: 'settled',
  courtSettled: 'court_settled',
  returned: 'returned',
  withdrawn: 'withdrawn',
  withdrawnMediated: 'withdrawn_mediated',
  attemptsEnded: 'attempts_ended',
  attemptsSettled: 'attempts_settled',
  courtAttemptsEnded: 'court_attempts_ended',
  courtAttemptsSettled: 'court_attempts_settled',
  firstSessions: 'first_sessions',
  firstOnTime: 'first_on_time',
  arrivals: 'arrivals',
  arrivalsOnTime: 'arrivals_on_time',
  seats: 'seats',
} as const satisfies Record<PlainCount, string>;

export type FactColumnValues = Record<(typeof FACT_COLUMNS)[PlainCount], number>;

/** The counts as `case_facts` columns. */
export function factColumns(counts: PlainCounts): FactColumnValues {
  return Object.fromEntries(PLAIN_COUNTS.map((k) => [FACT_COLUMNS[k], counts[k]])) as FactColumnValues;
}
