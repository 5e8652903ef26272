import organizationsJson from '../../src/domain/config/organizations.json';
import roomsJson from '../../src/domain/config/rooms.json';
import { mediators } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';

/** What the console's mediators and schedule pages read: organisation names, rooms, leave edits. */
describe('roster and room data for the console, against the real API and a private Redis', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when the roster is listed, then every mediator carries the name of their organisation in both languages', async () => {
    const res = await svc.call('GET', '/v1/mediators?limit=1000', { key: svc.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(mediators().length);
    const byId = new Map<string, { tier: string; organization: string; organizationName: { zh: string; en: string } }>(
      res.body.mediators.map((m: { id: string }) => [m.id, m]),
    );
    const medical = organizationsJson.organizations.find((o) => o.id === 'medical');
    const industry = [...byId.values()].find((m) => m.organization === 'medical');
    expect(industry?.organizationName).toEqual(medical?.name);
    const gold = [...byId.values()].find((m) => m.tier === 'gold');
    expect(gold?.organizationName).toEqual(organizationsJson.centre.name);
    const village = [...byId.values()].filter((m) => m.tier === 'village');
    expect(village.length).toBeGreaterThan(0);
    for (const m of village) {
      expect(m.organizationName.zh).toMatch(/.+人民调解委员会$/);
      expect(m.organizationName.en).toMatch(/.+ mediation committee$/);
      expect(m.organizationName.zh).not.toContain(m.organization);
    }
  });

  test('when a leave period ends before it starts, then 400 names its until; a sound one is stored', async () => {
    const id = mediators()[0]!.id;
    const bad = await svc.call('PATCH', `/v1/mediators/${id}`, {
      key: svc.keys.dispatcher,
      body: { leave: [{ from: '2026-12-10', until: '2026-12-01' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toMatch(/^body\.leave.*0.*until$/);
    expect(bad.body.error.details.reason).toBe('must not be before from');

    const sameDay = await svc.call('PATCH', `/v1/mediators/${id}`, {
      key: svc.keys.dispatcher,
      body: { leave: [{ from: '2026-12-10T09:00:00+08:00', until: '2026-12-10' }], capacity: 4 },
    });
    expect(sameDay.status).toBe(200);
    expect(sameDay.body.leave).toEqual([{ from: '2026-12-10T09:00:00+08:00', until: '2026-12-10' }]);
    expect(sameDay.body.capacity).toBe(4);
    expect(sameDay.body.organizationName.zh.length).toBeGreaterThan(0);
    expect((await svc.call('GET', `/v1/mediators/${id}`, { key: svc.keys.viewer })).body.capacity).toBe(4);
  });

  test('when the rooms are listed, then each configured room comes with kind, names and township; court keys may not read them', async () => {
    const res = await svc.call('GET', '/v1/calendars/rooms', { key: svc.keys.viewer });
    expect(res.status).toBe(200);
    expect(res.body.rooms).toHaveLength(roomsJson.rooms.length);
    const first = roomsJson.rooms[0]!;
    expect(res.body.rooms[0]).toEqual({ id: first.id, kind: first.kind, name: first.name, township: first.township });
    expect((await svc.call('GET', '/v1/calendars/rooms', { key: svc.keys.court })).status).toBe(403);
  });

  test('when the labels are read, then mediator statuses, room kinds and session statuses are named', async () => {
    const res = await svc.call('GET', '/v1/labels', { key: svc.keys.viewer });
    expect(res.body.mediatorStatuses.on_leave).toEqual({ zh: '休假', en: 'on leave' });
    expect(Object.keys(res.body.roomKinds).sort()).toEqual(['centre', 'committee', 'legal_expert', 'named']);
    expect(Object.keys(res.body.sessionStatuses).sort()).toEqual(['cancelled', 'held', 'scheduled']);
  });
});
