import type { ClockDueSource } from '../lifecycle/clock-due-port';
import type { LedgerClockIndex, LedgerOutbox, LedgerWriter } from './ledger-port';
import { lostEntries } from './project-outbox';

/** Where the clock's due cases come from: the ledger's index, and the outbox entries it has not copied yet. */
export interface LedgerClockDueDeps {
  readonly outbox: Pick<LedgerOutbox, 'read' | 'counts'>;
  readonly ledger: Pick<LedgerWriter, 'cursors'>;
  readonly index: LedgerClockIndex;
}

export interface LedgerClockDueOptions {
  /** Outbox entries read per call while collecting the cases the ledger has not copied yet. @defaultValue 1000 */
  readonly pageSize?: number;
}

/**
 * The legal clock's due cases from the ledger (issue 19): the cases whose `clock_due_at` has come,
 * plus every case changed in Redis since the ledger's cursor (the outbox entries after it). The
 * union holds every case a tick may change: a case is either copied (its column is current) or
 * named in the outbox after the cursor. The outbox is read before the index, so a case the
 * projector copies in between is found in the index.
 */
export function ledgerClockDue(deps: LedgerClockDueDeps, opts: LedgerClockDueOptions = {}): ClockDueSource {
  const pageSize = opts.pageSize ?? 1000;
  return {
    dueCaseIds: async (until) => {
      const ids = await changedSinceLedger(deps, pageSize);
      if (ids === null) return null;
      for (const id of await deps.index.dueCaseIds(until)) ids.add(id);
      return [...ids];
    },
    recheck: (cases, readAt) => deps.index.recheck(cases, readAt),
  };
}

/** The cases named by the outbox entries after the ledger's cursor; null when entries were dropped unread. */
async function changedSinceLedger(deps: LedgerClockDueDeps, pageSize: number): Promise<Set<string> | null> {
  // The counts before the cursor: the projector trims only what its cursor passed, so no false loss.
  const counts = await deps.outbox.counts();
  const cursors = await deps.ledger.cursors();
  if (lostEntries(counts, cursors.outboxRead)) return null;
  const ids = new Set<string>();
  let after = cursors.outbox;
  for (;;) {
    const page = await deps.outbox.read(after, pageSize);
    for (const e of page) {
      const id = e.data.caseId;
      if (typeof id === 'string' && id !== '') ids.add(id);
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return ids;
    after = last.id;
  }
}
