import { RedisSummonsSettings, RedisSummonsStore } from '../../src/adapters/redis/summons-store';
import { summonsKeys } from '../../src/adapters/redis/summons-keys';
import { readEventsAfter } from '../../src/adapters/redis/events';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { defaultSummonsSettings } from '../../src/domain/config/departments-config';
import { actOnSummons, issuedSummons, type Summons } from '../../src/domain/summons/summons';
import { actionEvent } from '../../src/domain/summons/summons-event';
import { tickSummonses } from '../../src/use-cases/summons/summons-clock-run';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';

const NOW = new Date('2026-03-08T01:00:00.000Z');

function make(id: string, caseId: string, department: string, requiredBy: string): Summons {
  return issuedSummons({ id, caseId, department, reason: 'r', requiredBy, issuedBy: 'd', issuedAt: NOW.toISOString() });
}

describe('RedisSummonsStore (private redis-server)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  test('when summonses are created, then they are listed by case, by county filters and as open, with their events on the county stream', async () => {
    const county = uniqueCounty('sm');
    const store = new RedisSummonsStore(redis, county, 1000);
    const a = make('sm_a', 'c1', 'court', '2026-03-10T01:00:00.000Z');
    const b = make('sm_b', 'c1', 'health', '2026-04-02T01:00:00.000Z');
    const c = make('sm_c', 'c2', 'court', '2026-03-09T01:00:00.000Z');
    await store.create(
      [a, b, c],
      [a, b, c].map((s) => actionEvent(s, 'd', NOW)),
    );
    // Creating an id again leaves the stored one alone.
    await store.create([{ ...a, department: 'health' }], []);

    expect((await store.listByCase('c1')).map((s) => s.id)).toEqual(['sm_a', 'sm_b']);
    expect(await store.get('sm_a')).toEqual(a);
    expect((await store.list({ department: 'court' })).map((s) => s.id)).toEqual(['sm_c', 'sm_a']);
    const march = { from: new Date('2026-02-28T16:00:00Z'), to: new Date('2026-03-31T16:00:00Z') };
    expect((await store.list(march)).map((s) => s.id)).toEqual(['sm_c', 'sm_a']);
    expect((await store.openBefore(new Date('2026-03-11T00:00:00Z'))).map((s) => s.id)).toEqual(['sm_c', 'sm_a']);
    const events = await readEventsAfter(redis, county, '0-0', 10);
    expect(events.map((e) => [e.type, e.data.summonsId])).toEqual([
      ['summons.issued', 'sm_a'],
      ['summons.issued', 'sm_b'],
      ['summons.issued', 'sm_c'],
    ]);
    // Every key carries the county's hash tag.
    const keys = await redis.keys(`*${county}*`);
    expect(keys.every((k) => k.startsWith(`tj:{${county}}:`))).toBe(true);
  });

  test('when two writers commit from the same version, then the second is a conflict and a closed summons leaves the open index', async () => {
    const county = uniqueCounty('sm');
    const store = new RedisSummonsStore(redis, county, 1000);
    const s = make('sm_x', 'c1', 'court', '2026-03-10T01:00:00.000Z');
    await store.create([s], []);
    const checked = actOnSummons(s, { action: 'check_in', by: 'court-system', at: NOW });
    const cancelled = actOnSummons(s, { action: 'cancel', by: 'dispatcher', at: NOW });
    if (checked.status !== 'ok' || cancelled.status !== 'ok') throw new Error('transition failed');
    expect(await store.commit(s.version, checked.summons, [actionEvent(checked.summons, 'court-system', NOW)])).toBe('ok');
    expect(await store.commit(s.version, cancelled.summons, [])).toBe('conflict');
    expect(await store.commit(1, { ...s, id: 'sm_none' }, [])).toBe('not_found');
    expect(await store.get('sm_x')).toMatchObject({ status: 'checked_in', onTime: true });
    expect(await redis.zscore(summonsKeys(county).open, 'sm_x')).toBeNull();
    expect((await readEventsAfter(redis, county, '0-0', 10)).map((e) => e.type)).toEqual(['summons.checked_in']);
  });

  test('when the clock runs on Redis past the grace, then the summons is missed and escalated once, and the county settings default to the bundled roster', async () => {
    const county = uniqueCounty('sm');
    const store = new RedisSummonsStore(redis, county, 1000);
    const settings = new RedisSummonsSettings(redis, county);
    expect(await settings.get()).toEqual(defaultSummonsSettings());
    await settings.put({ ...defaultSummonsSettings(), missGraceMinutes: 0 });
    await store.create([make('sm_m', 'c1', 'health', '2026-03-10T01:00:00.000Z')], []);
    const after = new Date('2026-03-10T01:00:00.000Z');
    // No case record behind c1: the clock goes its usual way (test/integration/summons-follow.test.ts reads real ones).
    const noCases = { standing: () => Promise.resolve(null) };
    const first = await tickSummonses(store, settings, noCases, after);
    const second = await tickSummonses(store, settings, noCases, after);
    expect(first.map((e) => e.type)).toEqual(['summons.missed', 'summons.escalated']);
    expect(second).toEqual([]);
    expect(await store.get('sm_m')).toMatchObject({ status: 'missed', escalation: { to: 'director' } });
    expect(await store.openBefore(new Date('2030-01-01T00:00:00Z'))).toEqual([]);
  });
});
