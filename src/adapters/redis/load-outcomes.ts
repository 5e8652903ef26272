import { CategorySchema, type Assignment, type Category } from '../../domain';
import type { LoadOutcomeStat } from '../../cost-model/load-success';

/**
 * Closed seats by the load they were taken at (issue 20), for load-aware success: HASH
 * `<mediatorId>|<category>|<load ratio in thousandths>` → `successes,attempts`, counted by the
 * lifecycle commit (LIFECYCLE_COMMIT_LUA) in the step that concludes the attempt. The load ratio
 * (open cases with this one ÷ capacity, read from the seat's explanation) is all the learning uses
 * (load-success.ts cuts it into bands), so one field per mediator × category × ratio seen; the
 * ratio is capped at MAX_PERMILLE, so the hash is bounded by the roster, its categories and its
 * capacities, not by the number of cases.
 */

/** Ratios above 2 (twice over capacity: a forced pin) count as 2. */
const MAX_PERMILLE = 2000;

/** The field of each seat of `assignment` held by one of `mediatorIds` and priced by the optimizer; a seat without an explanation (a pin) counts nothing. */
export function loadOutcomeFields(assignment: Assignment | undefined, mediatorIds: readonly string[], category: Category): string[] {
  const out: string[] = [];
  for (const seat of assignment?.seats ?? []) {
    const facts = seat.explanation?.chosen.facts;
    if (!facts || facts.capacity <= 0 || !mediatorIds.includes(seat.mediatorId)) continue;
    const permille = Math.min(MAX_PERMILLE, Math.round((1000 * (facts.load + 1)) / facts.capacity));
    out.push(`${seat.mediatorId}|${category}|${permille}`);
  }
  return out;
}

/** One stored field as a learning record (the ratio as open-with ‰ of a capacity of 1000); null when malformed. */
export function loadOutcomeOf(field: string, value: string): LoadOutcomeStat | null {
  const [mediatorId = '', cat, ratio, ...rest] = field.split('|');
  const [successes = -1, attempts = -1] = value.split(',').map(Number);
  const category = CategorySchema.safeParse(cat);
  const permille = Number(ratio);
  if (rest.length > 0 || !mediatorId || !category.success || !Number.isInteger(permille) || permille < 0) return null;
  if (!Number.isInteger(successes) || !Number.isInteger(attempts) || successes < 0 || attempts < successes) return null;
  return { mediatorId, category: category.data, openWith: permille, capacity: 1000, successes, attempts };
}
