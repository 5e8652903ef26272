import { countyKeys, USERS_KEY } from './keys';
import { replicaAckOf, writeAcked, type TiaojieRedis } from './redis-connection';

/** The installation accounts' barrier key: in USERS_KEY's cluster slot (its whole name as hash tag). */
const USERS_BARRIER_KEY = `{${USERS_KEY}}:replication-barrier`;

/**
 * Resolves once every write made so far on the master of `barrierKey`'s slot reached the replicas
 * `redis` asks for (ReplicationTimeoutError otherwise); at once when it asks for none. WAIT covers
 * the writes of its own connection up to its last one, so a small write in the slot goes first: its
 * offset is at least that of any earlier write of the slot, whoever made it. For writes that cannot
 * carry WAIT in their own pipeline (a MULTI), and for a repeated dispatch job whose first delivery
 * committed but whose replicas did not answer in time: the retry finds the case no longer waiting
 * and must not complete until the commit is on a replica.
 */
export async function slotReplicated(redis: TiaojieRedis, barrierKey: string): Promise<void> {
  if (replicaAckOf(redis).replicas === 0) return;
  await writeAcked(redis, (pipe) => pipe.set(barrierKey, Date.now(), 'PX', 60_000));
}

/** slotReplicated for a county's slot. */
export async function countyReplicated(redis: TiaojieRedis, county: string): Promise<void> {
  await slotReplicated(redis, countyKeys(county).replicationBarrier);
}

/** slotReplicated for the installation's accounts. */
export async function usersReplicated(redis: TiaojieRedis): Promise<void> {
  await slotReplicated(redis, USERS_BARRIER_KEY);
}
