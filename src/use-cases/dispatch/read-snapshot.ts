import type { StoreSnapshot } from '../../cost-model/build-problem';
import type { DispatchStore } from './dispatch-port';

/**
 * The one read of what the cost model needs from a county's store — mediators, loads, outcome
 * history, and closed seats by load when the store keeps them — taken concurrently; dispatch, candidates, pins and the rebalance snapshot all use it.
 */
export async function readSnapshot(
  store: Pick<DispatchStore, 'listMediators' | 'loads' | 'outcomeStats' | 'loadOutcomeStats'>,
): Promise<StoreSnapshot> {
  const [mediators, loads, outcomes, loadOutcomes] = await Promise.all([
    store.listMediators(),
    store.loads(),
    store.outcomeStats(),
    store.loadOutcomeStats?.(),
  ]);
  return { mediators, loads, outcomes, ...(loadOutcomes ? { loadOutcomes } : {}) };
}
