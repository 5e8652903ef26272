import { backfillArrivals, type ArrivalIndexBackfill, type ReferralSource } from '../dispatch/arrival-backfill';
import { hotStateImage } from './hot-state-image';
import type { HotStateSource, HotStateStore } from './hot-state-port';

export interface RebuildOptions {
  /** Overwrite the county's hot state when Redis holds cases of it already. @defaultValue false */
  readonly replace?: boolean;
  /** The time the arrival index is counted to (the oldest day it keeps). @defaultValue now */
  readonly now?: Date;
}

export type RebuildOutcome =
  | {
      readonly status: 'rebuilt';
      readonly cases: number;
      readonly mediators: number;
      readonly summonses: number;
      /** True when the ledger held the county's registered profile (the county is registered again). */
      readonly registered: boolean;
      /** The county's accounts the ledger holds (those Redis lacked are restored). */
      readonly users: number;
      /** The ledger's referrals within the history the arrival index keeps, which it now counts (evicted cases included). */
      readonly arrivals: number;
    }
  /** Redis holds cases of the county and `replace` was not given: nothing written. */
  | { readonly status: 'occupied'; readonly cases: number };

/**
 * Restores a county's hot state in Redis from the ledger: the roster, court figures, every case
 * retention has not evicted with its file, indexes, sessions and calendars, loads recomputed from
 * the seats still held, the outcome history, the summonses, the registered profile (status and
 * version) and the settings, and the county's user accounts Redis lacks; then the arrival index is
 * raised to count every case of the ledger (evicted ones included: issue 20's backfill, which never
 * lowers a count the index holds). The outbox is cleared and the ledger's cursor moved back to its
 * start, so the projector carries on from the rebuilt state.
 * Run it with the service stopped: a write landing during the rebuild could be lost.
 */
export async function rebuildHotState(
  deps: {
    readonly ledger: HotStateSource;
    readonly redis: HotStateStore;
    /** The ledger's referrals and the county's arrival index. */
    readonly arrivals: { readonly source: ReferralSource; readonly index: ArrivalIndexBackfill };
  },
  opts: RebuildOptions = {},
): Promise<RebuildOutcome> {
  const held = await deps.redis.caseCount();
  if (held > 0 && !opts.replace) return { status: 'occupied', cases: held };
  const image = hotStateImage(await deps.ledger.read());
  await deps.redis.clear();
  await deps.redis.write(image);
  const arrivals = await backfillArrivals({ sources: [deps.arrivals.source], index: deps.arrivals.index }, opts.now);
  await deps.ledger.resetOutboxCursor();
  return {
    status: 'rebuilt',
    cases: image.cases.length,
    mediators: image.roster.length,
    summonses: image.summonses.length,
    registered: image.records?.county != null,
    users: image.users.length,
    arrivals: arrivals.cases,
  };
}
