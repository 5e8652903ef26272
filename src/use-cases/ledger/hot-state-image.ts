import type { CaseFile } from '../../domain/lifecycle-file';
import type { HotCase, HotStateImage, LedgerHotCase, LedgerHotState } from './hot-state-port';

/**
 * The mediators the case index lists a case under, replayed from its history the way the scripts
 * wrote it: a dispatch commit adds the assigned seats (the file's `assign` step), a reassignment
 * removes the seats that left and adds the new ones; nothing else removes a seat (a decline, a
 * redispatch or a close leave the index as it was).
 */
export function indexedMediators(c: LedgerHotCase): string[] {
  const listed = new Set<string>();
  for (const h of c.file.history) {
    if (h.action === 'assign') for (const m of h.mediatorIds ?? []) listed.add(m);
    if (h.action === 'reassign') {
      const after = new Set(h.mediatorIds ?? []);
      for (const m of h.fromMediatorIds ?? []) if (!after.has(m)) listed.delete(m);
      for (const m of after) listed.add(m);
    }
  }
  return [...listed];
}

/** Seats a file still holds: the mediators of attempts assigned and not ended (a release ends them). */
export function heldSeats(file: Pick<CaseFile, 'attempts'>): string[] {
  return file.attempts.filter((a) => a.outcome === undefined).flatMap((a) => a.mediatorIds);
}

/** The outcome history: per seat and category, settled and concluded attempts (as LIFECYCLE_COMMIT_LUA counts them). */
export function outcomeHistory(files: LedgerHotState['attemptHistory']): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const f of files)
    for (const a of f.attempts) {
      if (a.outcome !== 'settled' && a.outcome !== 'failed') continue;
      for (const m of a.mediatorIds) {
        const key = `${m}|${f.category}`;
        const [s, n] = out.get(key) ?? [0, 0];
        out.set(key, [s + (a.outcome === 'settled' ? 1 : 0), n + 1]);
      }
    }
  return out;
}

function hotCase(c: LedgerHotCase): HotCase {
  return {
    record: c.record,
    // The first lifecycle commit stores version 1; version 0 is a file opened from the record, never stored.
    storedFile: c.file.version > 0 ? c.file : null,
    updatedAt: c.copiedAt,
    indexedMediators: indexedMediators(c),
  };
}

/** The county's hot state as the service would have written it, from the ledger's copy. */
export function hotStateImage(state: LedgerHotState): HotStateImage {
  const loads = new Map<string, number>();
  for (const c of state.cases) for (const m of heldSeats(c.file)) loads.set(m, (loads.get(m) ?? 0) + 1);
  return {
    roster: state.roster,
    courtMonths: state.courtMonths,
    cases: state.cases.map(hotCase),
    summonses: state.summonses,
    loads,
    outcomes: outcomeHistory(state.attemptHistory),
    records: state.records,
    users: state.users,
  };
}
