import { z } from 'zod';
import { LocalMonthSchema } from './instant';

/** A local month `YYYY-MM` (China Standard Time), the unit the court reports in. */
export const CourtMonthSchema = LocalMonthSchema;

/** Largest monthly count accepted: far above any county court (Shandan files ≈ 160 a month). */
const MAX_MONTHLY = 1_000_000;
const count = z.number().int('must be a whole number').min(0, 'must be 0 or more').max(MAX_MONTHLY, `must be at most ${MAX_MONTHLY}`);

/**
 * What a county's court reports for one month (part 4 of issue 17). `civilCommercialFilings`
 * counts every civil/commercial case filed, including those filed after a failed pre-filing
 * mediation (`filedAfterFailedMediation`), which is why the latter may not exceed it.
 */
export const CourtFiguresSchema = z
  .strictObject({
    /** Civil and commercial cases filed in the court in the month (民商事一审收案). */
    civilCommercialFilings: count,
    /** Administrative cases filed in the month. */
    administrativeFilings: count,
    /** Disputes the court transferred to the centre for pre-filing mediation (诉前委派) in the month. */
    transferredToMediation: count,
    /** Civil/commercial cases filed in the month after a pre-filing mediation failed (part of the filings). */
    filedAfterFailedMediation: count,
  })
  .refine((f) => f.filedAfterFailedMediation <= f.civilCommercialFilings, {
    message: 'must not exceed civilCommercialFilings (they are part of the filings)',
    path: ['filedAfterFailedMediation'],
  })
  .meta({ id: 'CourtFigures' });
export type CourtFigures = z.infer<typeof CourtFiguresSchema>;

/** The figures of one month as stored: the month, the figures, and when they were last changed. */
export interface CourtMonth {
  readonly month: string;
  readonly figures: CourtFigures;
  readonly updatedAt: string;
}

export const COURT_FIGURE_FIELDS = [
  'civilCommercialFilings',
  'administrativeFilings',
  'transferredToMediation',
  'filedAfterFailedMediation',
] as const;

/** Civil/commercial disputes that went to court without pre-filing mediation (filed directly). */
export function filedDirectly(f: CourtFigures): number {
  return f.civilCommercialFilings - f.filedAfterFailedMediation;
}

/** The fields whose values differ, for reporting an update. */
export function changedFields(before: CourtFigures, after: CourtFigures): (typeof COURT_FIGURE_FIELDS)[number][] {
  return COURT_FIGURE_FIELDS.filter((k) => before[k] !== after[k]);
}
