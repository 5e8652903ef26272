import { z } from 'zod';
import { ASSESSED_INDICATORS } from '../../../domain/indicators';
import { LabelSchema } from '../../../domain';

const Rate = z.number().nullable();

/** One row of the indicators report (use-cases/reports/tally.ts `KpiRow`). */
export const KpiRowSchema = z.object({
  group: z.string(),
  referred: z.number(),
  settled: z.number(),
  returnedToCourt: z.number(),
  withdrawn: z.number(),
  withdrawnAfterMediation: z.number(),
  concluded: z.number(),
  successRate: Rate,
  attemptsEnded: z.number(),
  attemptsSettled: z.number(),
  attemptSuccessRate: Rate,
  courtConcluded: z.number(),
  courtSettled: z.number(),
  courtSuccessRate: Rate,
  courtAttemptsEnded: z.number(),
  courtAttemptsSettled: z.number(),
  courtAttemptSuccessRate: Rate,
  lawsuits: z.number().nullable(),
  courtTransferred: z.number().nullable(),
  courtFiledDirectly: z.number().nullable(),
  preLitigationRate: Rate,
  lawsuitsPer10k: z.number().nullable(),
  lawsuitsPer10kAnnualised: z.number().nullable(),
  referredPer10kAnnualised: z.number().nullable(),
  firstSessions: z.number(),
  onTimeRate: Rate,
  arrivals: z.number(),
  arrivalsOnTime: z.number(),
  departmentsOnTimeRate: Rate,
  qualityCounted: z.number(),
  qualityHigh: z.number(),
  qualityPending: z.number(),
  highQualityRate: Rate,
  daysToSettleMedian: z.number().nullable(),
  daysToSettleP90: z.number().nullable(),
  fulfilment: z.record(z.string(), z.object({ due: z.number(), fulfilled: z.number(), rate: Rate })),
});

const TermSchema = z.object({ value: z.number().nullable(), label: LabelSchema });

/** An assessed indicator as stated (use-cases/reports/headline.ts `HeadlineIndicator`). */
export const HeadlineIndicatorSchema = z
  .object({
    id: z.enum(ASSESSED_INDICATORS),
    name: LabelSchema,
    value: z.number().nullable(),
    unit: z.enum(['per_10k_per_year', 'share']),
    numerator: TermSchema,
    denominator: TermSchema,
    period: z.object({ from: z.string(), to: z.string() }),
    source: z.enum(['court_figures', 'case_files', 'summonses', 'recorded_at_sessions']),
    unavailable: z.object({ reason: z.enum(['no_court_figures', 'nothing_to_count']), detail: z.string() }).nullable(),
    beside: z.array(
      z.object({ id: z.string(), label: LabelSchema, value: z.number().nullable(), numerator: z.number(), denominator: z.number() }),
    ),
    definition: LabelSchema,
    published: z
      .array(
        z.object({
          indicator: z.string(),
          period: z.string(),
          value: z.number().nullable(),
          status: z.enum(['given', 'derived', 'not_known']),
          bound: z.enum(['lower']).optional(),
          basis: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'AssessedIndicator' });
