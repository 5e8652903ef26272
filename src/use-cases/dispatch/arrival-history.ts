import type { Arrival } from '../../cost-model/arrival-forecast';

/**
 * A county's referrals since a moment, for the forecast of the seats to keep (issue 20). The
 * service reads its arrival index in Redis (adapters/redis/arrival-index.ts); the simulator and
 * tests pass the referrals they made.
 */
export interface ArrivalHistory {
  arrivals(since: Date): Promise<readonly Arrival[]>;
}
