import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import { countyPrefix } from './keys';

/**
 * The per-county rebalance lock: `tj:{county}:rebalance-lock`, holding a random token, with an
 * expiry so a crashed holder never blocks the county for long. Rebalancing takes it for the whole
 * snapshot → plan → apply; live dispatch waits while it is held (`waitWhileRebalancing`), so the
 * two never work on the same county at once. Release compares the token, so a holder whose lock
 * expired cannot release the next holder's.
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
export async function acquireRebalanceLock(redis: Redis, county: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  const ok = await redis.set(rebalanceLockKey(county), token, 'PX', ttlMs, 'NX');
  return ok === 'OK' ? token : null;
}

/** Releases the lock if this token still holds it; true when released. */
export async function releaseRebalanceLock(redis: Redis, county: string, token: string): Promise<boolean> {
  return (await redis.eval(RELEASE_LUA, 1, rebalanceLockKey(county), token)) === 1;
}

/** Extends the lock's expiry if this token still holds it. */
export async function extendRebalanceLock(redis: Redis, county: string, token: string, ttlMs: number): Promise<boolean> {
  return (await redis.eval(EXTEND_LUA, 1, rebalanceLockKey(county), token, ttlMs)) === 1;
}

/** Is a rebalance of the county under way? */
export async function isRebalancing(redis: Redis, county: string): Promise<boolean> {
  return (await redis.exists(rebalanceLockKey(county))) === 1;
}

export interface WaitOptions {
  /** Poll interval, ms. @defaultValue 50 */
  readonly pollMs?: number;
  /**
   * Give up waiting after this long, ms. A live rebalance renews its lock, so this bounds only a
   * pathological run (a crashed one's lock expires by itself); dispatching then is still safe —
   * the apply re-checks every case — only the plan goes stale. @defaultValue 600000 (10 min)
   */
  readonly maxWaitMs?: number;
}

/**
 * For live dispatch: resolves once no rebalance of the county is under way (at once when none
 * is). Returns how long it waited, ms. Referrals that arrive meanwhile stay queued and are
 * dispatched after, against the rebalanced loads.
 */
export async function waitWhileRebalancing(redis: Redis, county: string, opts: WaitOptions = {}): Promise<number> {
  const started = Date.now();
  const pollMs = opts.pollMs ?? 50;
  const maxWaitMs = opts.maxWaitMs ?? 600_000;
  while ((await isRebalancing(redis, county)) && Date.now() - started < maxWaitMs) {
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return Date.now() - started;
}
