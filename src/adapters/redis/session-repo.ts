import { z } from 'zod';
import type { LockoutPolicy, LoginLockout, SessionRecord, SessionStore } from '../../use-cases/users/user-port';
import { loginFailuresKey, loginLockKey, sessionKey, userSessionsKey } from './keys';
import type { TiaojieRedis } from './redis-connection';

const SessionRecordSchema = z.object({ username: z.string(), csrfToken: z.string(), expiresAt: z.string() });

/** Sessions as expiring strings, plus a set per user of their hashes (kept as long as the newest session). */
export class SessionRepo implements SessionStore {
  constructor(private readonly redis: TiaojieRedis) {}

  async create(tokenHash: string, session: SessionRecord, ttlMs: number): Promise<void> {
    const userSet = userSessionsKey(session.username);
    // Separate commands, not one script: the keys are in different slots on Redis Cluster.
    await this.redis.set(sessionKey(tokenHash), JSON.stringify(session), 'PX', ttlMs);
    await this.redis.sadd(userSet, tokenHash);
    await this.redis.pexpire(userSet, ttlMs);
  }

  async get(tokenHash: string): Promise<SessionRecord | undefined> {
    const raw = await this.redis.get(sessionKey(tokenHash));
    return raw === null ? undefined : SessionRecordSchema.parse(JSON.parse(raw));
  }

  async delete(tokenHash: string): Promise<void> {
    const raw = await this.redis.get(sessionKey(tokenHash));
    await this.redis.del(sessionKey(tokenHash));
    if (raw !== null) await this.redis.srem(userSessionsKey(SessionRecordSchema.parse(JSON.parse(raw)).username), tokenHash);
  }

  async deleteAllOf(username: string): Promise<void> {
    const hashes = await this.redis.smembers(userSessionsKey(username));
    for (const h of hashes) await this.redis.del(sessionKey(h));
    await this.redis.del(userSessionsKey(username));
  }
}

/** Counts a failure: the window starts with the first; at the limit the name is locked and the count reset. */
const FAILURE_LUA = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n >= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return tonumber(ARGV[3])
end
return 0`;

/**
 * Failed sign-ins in Redis, so every API process counts the same failures. The two keys of a name
 * share a hash tag (`{name}`), so the script runs on Redis Cluster too.
 */
export class RedisLoginLockout implements LoginLockout {
  constructor(private readonly redis: TiaojieRedis) {}

  async lockedForMs(username: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(loginLockKey(tagged(username))));
  }

  async recordFailure(username: string, policy: LockoutPolicy): Promise<number> {
    const keys = [loginFailuresKey(tagged(username)), loginLockKey(tagged(username))];
    return Number(await this.redis.eval(FAILURE_LUA, 2, ...keys, policy.windowMs, policy.limit, policy.lockMs));
  }

  async clear(username: string): Promise<void> {
    await this.redis.del(loginFailuresKey(tagged(username)));
  }
}

/**
 * The user name as tried, in a hash tag. What a sign-in names is not yet checked against the
 * user name rule, so it is bounded and stripped of braces here (a key stays a key).
 */
function tagged(username: string): string {
  return `{${username.slice(0, 64).replace(/[{}]/g, '_')}}`;
}
