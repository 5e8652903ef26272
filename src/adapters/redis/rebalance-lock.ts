import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-connection';
import { countyPrefix } from './keys';

/**
 * The per-county rebalance lock: `tj:{county}:rebalance-lock`, holding a random token, with an
 * expiry so a crashed holder never blocks the county for long. Rebalancing takes it for the whole
 * snapshot → plan → apply; live dispatch of the county checks it and puts its jobs back in the
 * queue (delayed) while it is held, so the two never work on the same county at once. Release
 * compares the token, so a holder whose lock expired cannot release the next holder's.
 */
export function rebalanceLockKey(county: string): string {
  return `${countyPrefix(county)}rebalance-lock`;
}

const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const EXTEND_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

/** Takes the lock; returns its token, or null when someone holds it. */
export async function acquireRebalanceLock(redis: RedisClient, county: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(rebalanceLockKey(county), token, 'PX', ttlMs, 'NX');
  return ok === 'OK' ? token : null;
}

/** Releases the lock if this token still holds it; true when released. */
export async function releaseRebalanceLock(redis: RedisClient, county: string, token: string): Promise<boolean> {
  return (await redis.eval(RELEASE_LUA, 1, rebalanceLockKey(county), token)) === 1;
}

/** Extends the lock's expiry if this token still holds it. */
export async function extendRebalanceLock(redis: RedisClient, county: string, token: string, ttlMs: number): Promise<boolean> {
  return (await redis.eval(EXTEND_LUA, 1, rebalanceLockKey(county), token, ttlMs)) === 1;
}

/** Is a rebalance of the county under way? */
export async function isRebalancing(redis: RedisClient, county: string): Promise<boolean> {
  return (await redis.exists(rebalanceLockKey(county))) === 1;
}
