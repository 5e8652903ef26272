import type { Summons } from '../../domain/summons/summons';

/** The summonses required in [from, to) that one store holds. */
export type SummonsesDue = (from: Date, to: Date) => Promise<readonly Summons[]>;

/**
 * The summonses of a period from Redis and the ledger together: Redis holds the latest state of
 * every summons it still has (the ledger's copy lags by the projector), the ledger also holds those
 * Redis evicted with their cases (`RETENTION_DAYS`). Each summons once, at its highest version;
 * in required-time order, ties by id.
 */
export function summonsesFromBoth(held: SummonsesDue, kept: SummonsesDue): SummonsesDue {
  return async (from, to) => {
    const [fresh, ledger] = await Promise.all([held(from, to), kept(from, to)]);
    const byId = new Map<string, Summons>();
    for (const s of [...ledger, ...fresh]) {
      const seen = byId.get(s.id);
      if (!seen || s.version >= seen.version) byId.set(s.id, s);
    }
    return [...byId.values()].sort(
      (a, b) => Date.parse(a.requiredBy) - Date.parse(b.requiredBy) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  };
}
