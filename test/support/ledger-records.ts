/**
 * A county's records besides its cases (issue 19): a registered profile, each kind of settings and
 * two user accounts, written through the service's own stores, so each write leaves its outbox
 * entry as the service's would.
 */
import { RedisCountyRegistry } from '../../src/adapters/redis/county-registry';
import { RedisIndicatorSettings } from '../../src/adapters/redis/indicator-settings-repo';
import { RedisDispatchSettings } from '../../src/adapters/redis/redis-proposal-store';
import type { TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { RedisSummonsSettings } from '../../src/adapters/redis/summons-store';
import { UserRepo } from '../../src/adapters/redis/user-repo';
import { countyMapOf, type CountyProfile } from '../../src/domain/config/county-profile';
import { defaultSummonsSettings } from '../../src/domain/config/departments-config';
import { ALL_AUTO } from '../../src/domain/config/dispatch-settings';
import { defaultIndicatorSettings, type IndicatorSettings } from '../../src/domain/config/indicator-settings';
import { embeddedCountyProfile } from '../../src/domain/config/load';
import type { StoredUser } from '../../src/domain/user';

const AT = new Date('2026-03-02T02:00:00.000Z');

/** The embedded Shandan profile registered under `county`. */
export function profileOf(county: string): CountyProfile {
  const p = embeddedCountyProfile();
  return { ...p, county: { ...p.county, id: county } };
}

/** The county's own indicator settings: its populations, a 45-day quality window (not the default 90). */
export function indicatorsOf(county: string): IndicatorSettings {
  return { ...defaultIndicatorSettings(countyMapOf(profileOf(county))), qualityWindowDays: 45 };
}

/** An account of the county; the hash stands for argon2id's PHC string (the ledger copies it as stored). */
export function userOf(county: string, name: string, role: StoredUser['role'] = 'dispatcher'): StoredUser {
  return {
    username: `${name}.${county}`,
    displayName: `用户 ${name}`,
    role,
    county,
    disabled: false,
    createdAt: AT.toISOString(),
    passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$${name}`,
  };
}

/** Registers the county, saves every kind of settings and creates a dispatcher and a viewer. */
export async function seedCountyRecords(redis: TiaojieRedis, county: string): Promise<void> {
  await new RedisCountyRegistry(redis).putProfile(county, profileOf(county), AT);
  await new RedisDispatchSettings(redis, county).put(ALL_AUTO);
  await new RedisIndicatorSettings(redis, county, () => Promise.resolve(indicatorsOf(county))).put(indicatorsOf(county));
  await new RedisSummonsSettings(redis, county).put(defaultSummonsSettings());
  const users = new UserRepo(redis);
  for (const u of [userOf(county, 'wang'), userOf(county, 'li', 'viewer')])
    if (!(await users.create(u))) throw new Error(`county setup: user ${u.username} exists`);
}

/** Then: the county disabled, its profile's population changed (version 2), a user disabled, the dispatch settings changed. */
export async function moveCountyRecords(redis: TiaojieRedis, county: string): Promise<void> {
  const registry = new RedisCountyRegistry(redis);
  const p = profileOf(county);
  await registry.putProfile(county, { ...p, county: { ...p.county, population: p.county.population + 1000 } }, AT);
  await registry.setStatus(county, 'disabled', AT);
  await new UserRepo(redis).save({ ...userOf(county, 'wang'), disabled: true });
  await new RedisDispatchSettings(redis, county).put({ ...ALL_AUTO, proposalTimeoutMinutes: 30 });
}
