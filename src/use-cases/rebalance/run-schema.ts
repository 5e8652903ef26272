import { z } from 'zod';
import type { RebalanceRun } from './run-rebalance';
import type { Locale } from '../../domain/i18n/locale';

/** The reply shapes of a rebalance run (API body, job result), ids only. */

const TermsSchema = z.record(z.string(), z.number());

export const RebalanceMoveSchema = z.object({
  seatId: z.string(),
  caseId: z.string(),
  role: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z
    .enum(['gain', 'leave', 'deadline', 'ineligible'])
    .meta({ description: '`gain` = discretionary; otherwise why the seat had to move' }),
  penalty: z.number(),
  gain: z.object({
    byTerm: TermsSchema.meta({ description: 'current minus new arc cost, per cost term' }),
    load: z.number().meta({ description: 'load-balance term: relief at the old mediator minus marginal cost at the new one' }),
    total: z.number(),
    net: z.number().meta({ description: 'total minus the move penalty' }),
  }),
  words: z
    .object({ 'zh-CN': z.string(), en: z.string() })
    .optional()
    .meta({ description: 'the move in a sentence, per language: the mediators named, the deciding gain first' }),
  summary: z
    .string()
    .optional()
    .meta({ description: 'in replies: `words` in the request’s language (`?lang=`, `Accept-Language`, default zh-CN)' }),
});

const SideSchema = z.object({
  cost: z.object({ arc: z.number(), load: z.number(), total: z.number() }),
  spread: z
    .object({ max: z.number(), min: z.number(), spread: z.number(), stdev: z.number() })
    .meta({ description: 'utilisation (open seats ÷ capacity) of the mediators in the model' }),
});

export const RebalanceRunSchema = z
  .object({
    status: z
      .enum(['planned', 'applied', 'locked', 'disabled'])
      .meta({ description: '`disabled`: the county was disabled when the run started; nothing was planned or changed' }),
    runId: z.string(),
    county: z.string(),
    dryRun: z.boolean().optional(),
    plan: z
      .object({
        status: z.string(),
        moves: z.array(RebalanceMoveSchema),
        stranded: z.array(
          z.object({ seatId: z.string(), caseId: z.string(), mediatorId: z.string(), reason: z.string(), detail: z.string() }),
        ),
        before: SideSchema,
        after: SideSchema,
        gain: z.number(),
        penalties: z.number(),
        seats: z.number(),
        movesByReason: z.record(z.string(), z.number()),
        solveMs: z.number(),
        rounds: z.number(),
        solver: z.string(),
      })
      .optional(),
    fixedOnLeave: z.array(z.object({ caseId: z.string(), mediatorId: z.string(), why: z.enum(['started', 'pinned']) })).optional(),
    applied: z
      .object({
        applied: z.array(z.string()),
        refused: z.array(z.object({ caseId: z.string(), reason: z.string(), mediatorId: z.string().optional() })),
      })
      .nullable()
      .optional(),
    totalMs: z.number().optional(),
  })
  .meta({ id: 'RebalanceRun' });
export type RebalanceRunView = z.infer<typeof RebalanceRunSchema>;

/** A run as plain JSON (what the API returns and the job stores). */
export function runView(run: RebalanceRun): RebalanceRunView {
  return JSON.parse(JSON.stringify(run)) as RebalanceRunView;
}

/** The run with each move's `summary` in the locale (moves planned before issue 16 have no words). */
export function runInLocale(run: RebalanceRunView, locale: Locale): RebalanceRunView {
  if (!run.plan) return run;
  const moves = run.plan.moves.map((m) => (m.words ? { ...m, summary: m.words[locale] } : m));
  return { ...run, plan: { ...run.plan, moves } };
}
