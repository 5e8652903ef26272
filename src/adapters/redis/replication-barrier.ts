import { countyKeys } from './keys';
import { replicaAckOf, writeAcked, type TiaojieRedis } from './redis-connection';

/**
 * Resolves once every write made so far on the county's master reached the replicas `redis` asks
 * for (ReplicationTimeoutError otherwise); at once when it asks for none. WAIT covers the writes of
 * its own connection up to its last one, so a small write of the county goes first: its offset is at
 * least that of any earlier write of the county, whoever made it. For a repeated dispatch job: its
 * first delivery committed the case but the replicas did not answer in time, so the retry finds the
 * case no longer waiting — it must not complete until the commit is on a replica.
 */
export async function countyReplicated(redis: TiaojieRedis, county: string): Promise<void> {
  if (replicaAckOf(redis).replicas === 0) return;
  await writeAcked(redis, (pipe) => pipe.set(countyKeys(county).replicationBarrier, Date.now(), 'PX', 60_000));
}
