import { changedProfileFields, checkCountyProfile, type CountyProfile } from '../../../src/domain/config/county-profile';
import { embeddedCountyProfile, loadDispatchConfig } from '../../../src/domain/config/load';
import { ValidationError } from '../../../src/domain/errors';
import type { CountyRegistry, RegisteredCounty } from '../../../src/use-cases/counties/county-registry-port';
import { CountyConfigs } from '../../../src/use-cases/counties/county-configs';
import { addCounty, setCountyStatus } from '../../../src/use-cases/counties/register-county';

const tierRules = loadDispatchConfig().tierRules;
const NOW = new Date('2026-12-06T00:00:00Z');

/** The registry in a Map, counting writes: what the use cases see of Redis. */
class MapRegistry implements CountyRegistry {
  readonly held = new Map<string, RegisteredCounty>();
  writes = 0;
  get(id: string) {
    return Promise.resolve(this.held.get(id) ?? null);
  }
  stamp(id: string) {
    const c = this.held.get(id);
    return Promise.resolve(c ? { status: c.status, version: c.version } : null);
  }
  putProfile(id: string, profile: CountyProfile, now: Date) {
    this.writes++;
    const before = this.held.get(id);
    const version = (before?.version ?? 0) + 1;
    this.held.set(id, { id, profile, status: before?.status ?? 'active', version, updatedAt: now.toISOString() });
    return Promise.resolve();
  }
  setStatus(id: string, status: 'active' | 'disabled') {
    this.writes++;
    const c = this.held.get(id);
    if (c) this.held.set(id, { ...c, status });
    return Promise.resolve();
  }
  list() {
    return Promise.resolve([...this.held.values()]);
  }
}

/** The embedded profile under another id: a deep copy to edit. */
function profileOf(id: string): CountyProfile {
  const p = structuredClone(embeddedCountyProfile());
  return { ...p, county: { ...p.county, id } };
}

/** The same value with every object's keys in reverse order. */
function keysReversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysReversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, keysReversed(v)]),
  );
}

describe('county profiles', () => {
  it('when the embedded Shandan profile is checked, then it passes', () => {
    expect(checkCountyProfile(embeddedCountyProfile(), tierRules)).toMatchObject({ ok: true });
  });

  it('when a field breaks the schema, then the issue names its path and the reason', () => {
    const p = profileOf('gaotai') as unknown as { townships: { villages: { population: number }[] }[] };
    p.townships[2]!.villages[1]!.population = -5;
    const r = checkCountyProfile(p, tierRules);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toEqual({ field: 'townships[2].villages[1].population', reason: expect.stringMatching(/>=\s*0/) });
  });

  it('when a neighbour is unknown, an id repeats, the seat is elsewhere or the legal organisation is missing, then each is named', () => {
    const p = profileOf('gaotai');
    const townships = p.townships.map((t, i) => (i === 1 ? { ...t, neighbours: [...t.neighbours, 'nowhere'] } : t));
    const [first] = townships;
    const dup = { ...first!, villages: [...first!.villages, first!.villages[0]!] };
    const bad = {
      ...p,
      county: { ...p.county, seat: { ...p.county.seat, township: 'tx' } },
      townships: [dup, ...townships.slice(1)],
      organizations: { ...p.organizations, organizations: p.organizations.organizations.filter((o) => o.id !== 'legal') },
    };
    const r = checkCountyProfile(bad, tierRules);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.issues.map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        `townships[1].neighbours[${townships[1]!.neighbours.length - 1}]`,
        `townships[0].villages[${dup.villages.length - 1}].id`,
        'county.seat.township',
        'organizations',
      ]),
    );
  });

  it('when the county id is not a tenant id, then county.id is refused', () => {
    const r = checkCountyProfile(profileOf('Gao Tai'), tierRules);
    expect(r.ok ? [] : r.issues.map((i) => i.field)).toContain('county.id');
  });

  it('when two profiles differ in the population, a township and an organisation, then exactly those fields are named', () => {
    const a = profileOf('gaotai');
    const b = structuredClone(a);
    b.county.population += 1;
    b.townships[3]!.villages[0]!.population += 1;
    b.organizations.organizations[0]!.headcount += 1;
    expect(changedProfileFields(a, a)).toEqual([]);
    expect(changedProfileFields(a, b)).toEqual([
      'county.population',
      `townships.${b.townships[3]!.id}`,
      `organizations.${b.organizations.organizations[0]!.id}`,
    ]);
  });
});

describe('registering counties', () => {
  it('when the same profile is added twice, then created then unchanged, and the second writes nothing', async () => {
    const reg = new MapRegistry();
    expect(await addCounty(reg, profileOf('gaotai'), { tierRules, now: NOW })).toEqual({
      county: 'gaotai',
      outcome: 'created',
      fields: [],
    });
    const writes = reg.writes;
    // Key order does not matter: the same profile, serialised differently.
    expect(await addCounty(reg, keysReversed(profileOf('gaotai')), { tierRules, now: NOW })).toMatchObject({
      outcome: 'unchanged',
    });
    expect(reg.writes).toBe(writes);
  });

  it('when a changed profile is added, then updated with its fields and the version moves', async () => {
    const reg = new MapRegistry();
    await addCounty(reg, profileOf('gaotai'), { tierRules, now: NOW });
    const changed = profileOf('gaotai');
    changed.county.name = { zh: '高台县', en: 'Gaotai County' };
    expect(await addCounty(reg, changed, { tierRules, now: NOW })).toEqual({
      county: 'gaotai',
      outcome: 'updated',
      fields: ['county.name'],
    });
    expect(reg.held.get('gaotai')?.version).toBe(2);
  });

  it('when --county names the id, then the profile is registered under it', async () => {
    const reg = new MapRegistry();
    expect(await addCounty(reg, embeddedCountyProfile(), { tierRules, now: NOW, id: 'minle' })).toMatchObject({ county: 'minle' });
    expect(reg.held.get('minle')?.profile.county.id).toBe('minle');
  });

  it('when the profile is bad, then a ValidationError names the field and nothing is written', async () => {
    const reg = new MapRegistry();
    await expect(addCounty(reg, { county: {} }, { tierRules, now: NOW })).rejects.toThrow(ValidationError);
    await expect(addCounty(reg, { county: {} }, { tierRules, now: NOW })).rejects.toThrow(/county\.id/);
    expect(reg.writes).toBe(0);
  });

  it('when a county is disabled twice and enabled, then changed, unchanged, changed; an unknown county is not found', async () => {
    const reg = new MapRegistry();
    await addCounty(reg, profileOf('gaotai'), { tierRules, now: NOW });
    expect(await setCountyStatus(reg, 'gaotai', 'disabled', NOW)).toEqual({ county: 'gaotai', status: 'disabled', changed: true });
    expect(await setCountyStatus(reg, 'gaotai', 'disabled', NOW)).toMatchObject({ changed: false });
    expect(await setCountyStatus(reg, 'gaotai', 'active', NOW)).toMatchObject({ changed: true });
    await expect(setCountyStatus(reg, 'nowhere', 'disabled', NOW)).rejects.toThrow(/not found/);
  });
});

describe('county configurations', () => {
  it('when a county is not registered, then it runs on the embedded configuration, active', async () => {
    const configs = new CountyConfigs(new MapRegistry(), loadDispatchConfig());
    expect(await configs.of('shandan')).toEqual({ status: 'active', config: loadDispatchConfig(), registered: false });
  });

  it('when a county is registered, then its configuration has its own geography, rebuilt only when the version moves', async () => {
    const reg = new MapRegistry();
    const p = profileOf('gaotai');
    p.townships[0]!.villages[0]!.id = 'gt-v1';
    await addCounty(reg, p, { tierRules, now: NOW });
    const configs = new CountyConfigs(reg, loadDispatchConfig());
    const first = await configs.of('gaotai');
    expect(first.config.county.townships[0]!.villages[0]!.id).toBe('gt-v1');
    expect(first.config.tierRules).toBe(loadDispatchConfig().tierRules);
    expect((await configs.of('gaotai')).config).toBe(first.config);
    await setCountyStatus(reg, 'gaotai', 'disabled', NOW);
    expect(await configs.of('gaotai')).toMatchObject({ status: 'disabled' });
    p.county.population = 1234;
    await addCounty(reg, p, { tierRules, now: NOW });
    expect((await configs.of('gaotai')).config.county.county.population).toBe(1234);
  });
});
