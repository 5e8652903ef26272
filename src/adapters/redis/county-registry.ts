import { CountyProfileSchema, CountyStatusSchema, type CountyProfile, type CountyStatus } from '../../domain/config/county-profile';
import { checkRecord } from '../../domain/record-check';
import type { CountyRegistry, CountyStamp, RegisteredCounty } from '../../use-cases/counties/county-registry-port';
import { COUNTIES_KEY, countyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';
import { outboxEntry } from './ledger-outbox';
import { replyAt } from './replies';
import { countyReplicated } from './replication-barrier';

/** The county's ledger note of a change to its profile or status (issue 19), for the same MULTI. */
const changed = (id: string) => outboxEntry('county.changed', { caseId: '', county: id });

/**
 * The installation's counties in Redis: each profile in its county's slot (`tj:{c}:profile`, a
 * hash), and the set of ids (`tj:counties`) beside them. The profile is written first and the id
 * listed after, so a listed county always has a profile (the two keys live on different slots of
 * a cluster and cannot share a MULTI). Every change appends a `county.changed` entry to the county's
 * ledger outbox in the same MULTI as the profile (same slot), so the ledger copies it (issue 19).
 */
export class RedisCountyRegistry implements CountyRegistry {
  constructor(private readonly redis: TiaojieRedis) {}

  async get(id: string): Promise<RegisteredCounty | null> {
    const [doc, status, version, updatedAt] = await this.redis.hmget(countyKeys(id).profile, 'doc', 'status', 'version', 'updatedAt');
    if (doc == null || version == null) return null;
    const profile = checkRecord(CountyProfileSchema, doc);
    if (!profile.ok) return null;
    return { id, profile: profile.value, status: statusOf(status ?? null), version: Number(version), updatedAt: updatedAt ?? '' };
  }

  async stamp(id: string): Promise<CountyStamp | null> {
    const [status, version] = await this.redis.hmget(countyKeys(id).profile, 'status', 'version');
    if (version == null) return null;
    return { status: statusOf(status ?? null), version: Number(version) };
  }

  async putProfile(id: string, profile: CountyProfile, now: Date): Promise<void> {
    const key = countyKeys(id).profile;
    const results = await this.redis
      .multi()
      .hset(key, 'doc', JSON.stringify(profile), 'updatedAt', now.toISOString())
      .hincrby(key, 'version', 1)
      .hsetnx(key, 'status', 'active')
      .xadd(countyKeys(id).ledgerOutbox, ...changed(id))
      .exec();
    for (let i = 0; i < 4; i++) replyAt(results ?? [], i);
    await countyReplicated(this.redis, id);
    await this.redis.sadd(COUNTIES_KEY, id);
  }

  async setStatus(id: string, status: CountyStatus, now: Date): Promise<void> {
    const keys = countyKeys(id);
    const results = await this.redis
      .multi()
      .hset(keys.profile, 'status', status, 'updatedAt', now.toISOString())
      .xadd(keys.ledgerOutbox, ...changed(id))
      .exec();
    for (let i = 0; i < 2; i++) replyAt(results ?? [], i);
    await countyReplicated(this.redis, id);
  }

  async list(): Promise<readonly RegisteredCounty[]> {
    const ids = (await this.redis.smembers(COUNTIES_KEY)).sort();
    const counties = await Promise.all(ids.map((id) => this.get(id)));
    return counties.filter((c): c is RegisteredCounty => c !== null);
  }
}

/** A status field that is not a known status reads as `disabled`: a county nobody can vouch for takes no work. */
function statusOf(raw: string | null): CountyStatus {
  const parsed = CountyStatusSchema.safeParse(raw);
  return parsed.success ? parsed.data : 'disabled';
}
