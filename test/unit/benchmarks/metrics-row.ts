import type { PolicyMetrics } from '../../../benchmarks/lib/quality-metrics';

/** A calm-year result row with the figures the reports read; the rest fixed. */
export const metricsRow = (policy: string, successRate: number, expectedSuccess: number, meanTravelKm: number): PolicyMetrics => ({
  policy,
  cases: 100,
  assigned: 100,
  successRate,
  expectedSuccess,
  deadlineCompliance: 1,
  meanTravelKm,
  utilisationMean: 0.1,
  utilisationMax: 0.5,
  goldSeats: 0,
  goldOnNonMajor: 0,
  dispatchMs: 1,
});
