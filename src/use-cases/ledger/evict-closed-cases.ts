import type { ClosedCaseRetention, RetireOutcome } from '../lifecycle/archive-port';
import type { HotCaseEviction, LedgerRetentionRecords } from './eviction-port';
import type { LedgerOutbox } from './ledger-port';

export interface LedgerEvictionDeps {
  readonly hot: HotCaseEviction;
  readonly ledger: LedgerRetentionRecords;
  readonly outbox: Pick<LedgerOutbox, 'read'>;
  /**
   * Outbox entries the projector may lag behind by; when more wait, nothing is evicted in this run
   * (the ledger is behind, and the scan of its tail would be long). @defaultValue 10000
   */
  readonly maxLag?: number;
}

/** The ledger's unread outbox: the cases and summonses it names, and its last entry. */
interface OutboxTail {
  readonly cases: ReadonlySet<string>;
  readonly summonses: ReadonlySet<string>;
  readonly lastId: string;
}

async function readTail(deps: LedgerEvictionDeps): Promise<OutboxTail | null> {
  const maxLag = deps.maxLag ?? 10_000;
  const { outbox: cursor } = await deps.ledger.cursors();
  const entries = await deps.outbox.read(cursor, maxLag);
  if (entries.length >= maxLag) return null;
  const named = (field: string) => new Set(entries.map((e) => e.data[field]).filter((v): v is string => typeof v === 'string' && v !== ''));
  return { cases: named('caseId'), summonses: named('summonsId'), lastId: entries.at(-1)?.id ?? cursor };
}

/**
 * Retention with a ledger (issue 19): a closed case past the period leaves Redis entirely — no
 * archived record either — once the ledger holds it at the same file version and status, with its
 * summonses at their versions, and no outbox entry the projector has not copied names it. Redis
 * checks all of that again in the eviction's own atomic step (the outbox from the last entry seen
 * here), so a change made in between keeps the case. The ledger then marks the row `evicted_at`.
 *
 * A crash between the two leaves the row unmarked though Redis let the case go: GET and intake read
 * the ledger's row either way; only a rebuild of the hot state would bring the case back, and the
 * next retention run would evict it again.
 *
 * One per county and run: the outbox tail is read once, at the first case.
 */
export function ledgerEviction(deps: LedgerEvictionDeps): ClosedCaseRetention {
  let tail: Promise<OutboxTail | null> | undefined;
  return {
    referredBefore: (before, offset, limit) => deps.hot.referredBefore(before, offset, limit),
    retire: async (file, now): Promise<RetireOutcome> => {
      tail ??= readTail(deps);
      const unread = await tail;
      if (!unread || unread.cases.has(file.caseId)) return 'kept';
      const held = await deps.ledger.caseState(file.caseId);
      if (!held || held.fileVersion !== file.version) return 'kept';
      if (Object.keys(held.summonsVersions).some((id) => unread.summonses.has(id))) return 'kept';
      const outcome = await deps.hot.evict(file, {
        status: held.status,
        summonsVersions: held.summonsVersions,
        outboxAfter: unread.lastId,
      });
      if (outcome !== 'evicted') return outcome;
      await deps.ledger.markEvicted(file.caseId, now);
      return 'retired';
    },
  };
}
