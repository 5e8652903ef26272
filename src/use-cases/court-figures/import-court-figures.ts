import { changedFields, COURT_FIGURE_FIELDS, type CourtFigures } from '../../domain/court-figures';
import type { CourtFiguresStore } from './court-figures-port';

/** A month of figures to record. */
export interface CourtMonthInput {
  readonly month: string;
  readonly figures: CourtFigures;
}

/** What an import did, month by month: nothing is written for a month whose figures are unchanged. */
export interface CourtImportOutcome {
  readonly created: readonly string[];
  readonly updated: readonly { readonly month: string; readonly fields: readonly (typeof COURT_FIGURE_FIELDS)[number][] }[];
  readonly unchanged: readonly string[];
}

/**
 * Records court figures, idempotent per month: a month already held with the same figures is left
 * as it was (its `updatedAt` too); a changed figure replaces the month and is reported as an
 * update naming the fields. All changed months are written together, so a failure writes none.
 */
export async function recordCourtFigures(
  store: CourtFiguresStore,
  months: readonly CourtMonthInput[],
  now: Date,
): Promise<CourtImportOutcome> {
  const held = new Map((await store.list()).map((m) => [m.month, m.figures]));
  const created: string[] = [];
  const updated: { month: string; fields: (typeof COURT_FIGURE_FIELDS)[number][] }[] = [];
  const unchanged: string[] = [];
  const writes: CourtMonthInput[] = [];
  for (const m of months) {
    const before = held.get(m.month);
    if (!before) {
      created.push(m.month);
      writes.push(m);
      continue;
    }
    const fields = changedFields(before, m.figures);
    if (fields.length === 0) unchanged.push(m.month);
    else {
      updated.push({ month: m.month, fields });
      writes.push(m);
    }
  }
  if (writes.length > 0) await store.putMany(writes, now);
  return { created, updated, unchanged };
}
