import type { StoreSnapshot } from '../../cost-model/build-problem';
import type { DispatchStore } from './dispatch-port';

/**
 * The one read of what the cost model needs from a county's store — mediators, loads, outcome
 * history — taken concurrently; dispatch, candidates, pins and the rebalance snapshot all use it.
 */
export async function readSnapshot(store: Pick<DispatchStore, 'listMediators' | 'loads' | 'outcomeStats'>): Promise<StoreSnapshot> {
  const [mediators, loads, outcomes] = await Promise.all([store.listMediators(), store.loads(), store.outcomeStats()]);
  return { mediators, loads, outcomes };
}
