import { countyKeys } from '../../src/adapters/redis/keys';
import type { TiaojieRedis } from '../../src/adapters/redis/redis-connection';

/** Every key of a county (SCAN over its hash-tagged prefix). */
async function countyKeyNames(redis: TiaojieRedis, county: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${countyKeys(county).prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** MEMORY USAGE (bytes, all samples) summed over the keys. */
export async function memoryOf(redis: TiaojieRedis, keys: readonly string[]): Promise<number> {
  let total = 0;
  for (const k of keys) total += Number((await redis.memory('USAGE', k, 'SAMPLES', 0)) ?? 0);
  return total;
}

/** A county's Redis memory: all its keys, and the per-case keys (case record + lifecycle file) of some cases. */
export async function countyMemory(redis: TiaojieRedis, county: string): Promise<number> {
  return memoryOf(redis, await countyKeyNames(redis, county));
}

/** The per-case keys of these cases: the case record and the lifecycle file. */
export function perCaseKeys(county: string, caseIds: readonly string[]): string[] {
  const k = countyKeys(county);
  const prefix = k.prefix;
  return caseIds.flatMap((id) => [k.case(id), `${prefix}lifecycle:${id}`]);
}

/**
 * What retention with a ledger does to Redis, done by hand (the retention that evicts closed cases
 * is not on this branch): the closed cases' keys are deleted and their ids removed from every set,
 * sorted set and hash of the county (indexes, calendars, sessions).
 */
export async function dropClosedCases(redis: TiaojieRedis, county: string, caseIds: readonly string[]): Promise<void> {
  await redis.del(...perCaseKeys(county, caseIds));
  const ids = new Set(caseIds);
  for (const key of await countyKeyNames(redis, county)) {
    const type = await redis.type(key);
    if (type === 'set') await redis.srem(key, ...caseIds);
    if (type === 'zset') {
      const members = await redis.zrange(key, '0', '-1');
      const gone = members.filter((m) => ids.has(m) || ids.has(m.split('|')[0] ?? ''));
      if (gone.length > 0) await redis.zrem(key, ...gone);
    }
    if (type === 'hash' && key.endsWith(':sessions')) {
      const fields = (await redis.hkeys(key)).filter((f) => ids.has(f.split('|')[0] ?? ''));
      if (fields.length > 0) await redis.hdel(key, ...fields);
    }
  }
}
