import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';

interface Row {
  readonly id: string;
  readonly status: string;
  readonly class: string;
  readonly township: string;
  readonly channel: string;
  readonly parties: number;
}

/** Issue 15 (console board): compact case rows, the class/township/open filters and counts per status. */
describe('case rows, filters and counts', () => {
  let redis: TestRedis;
  let svc: TestService;
  let all: Row[];

  const get = async (path: string) => {
    const res = await svc.call('GET', path, { key: svc.keys.viewer });
    expect(res.status).toBe(200);
    return res.body;
  };
  const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    expect((await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(40, 'rows') })).status).toBe(202);
    all = (await get('/v1/cases/rows')).rows;
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when rows are listed, then every case comes once, oldest first, with a party count and no party refs or explanation', async () => {
    const full = await get('/v1/cases?limit=1000');
    expect(all).toHaveLength(40);
    expect(ids(all)).toEqual(ids(full.cases));
    const first = full.cases[0];
    expect(all[0]).toMatchObject({ id: first.id, externalId: first.externalId, township: first.township, parties: first.parties.length });
    for (const row of all) {
      expect(row).not.toHaveProperty('assignment');
      expect(JSON.stringify(row)).not.toContain('"ref"');
    }
  });

  test('when filtered by township or class, then exactly the cases with that township or class, in both listings', async () => {
    const township = all[0]!.township;
    const inTownship = ids(all.filter((r) => r.township === township));
    expect(inTownship.length).toBeLessThan(all.length);
    expect(ids((await get(`/v1/cases/rows?township=${township}`)).rows)).toEqual(inTownship);
    const listed = await get(`/v1/cases?township=${township}&limit=2`);
    expect(listed.total).toBe(inTownship.length);
    expect(ids(listed.cases)).toEqual(inTownship.slice(0, 2));

    const cls = all[0]!.class;
    const ofClass = ids(all.filter((r) => r.class === cls));
    expect(ids((await get(`/v1/cases/rows?class=${cls}`)).rows)).toEqual(ofClass);
    const both = ids(all.filter((r) => r.class === cls && r.township === township));
    expect(ids((await get(`/v1/cases/rows?class=${cls}&township=${township}`)).rows)).toEqual(both);
  });

  test('when some ids are asked for, then those known come back in referral order and unknown ones are skipped', async () => {
    const [a, b, c] = [all[5]!.id, all[2]!.id, all[9]!.id];
    const rows = (await get(`/v1/cases/rows?ids=${a},nope-1,${b},${c}`)).rows;
    expect(ids(rows)).toEqual([b, a, c]);
  });

  test('when a case is assigned, then its row names the seats, who assigned it and when, as the whole case does', async () => {
    const id = all.find((r) => r.status === 'referred')!.id;
    const ranked = await svc.call('POST', `/v1/cases/${id}/candidates`, { key: svc.keys.dispatcher, body: { k: 1 } });
    expect(ranked.status).toBe(200);
    const mediatorIds = ranked.body.seats.map((s: { candidates: { mediatorId: string }[] }) => s.candidates[0]!.mediatorId);
    const pinned = await svc.call('POST', `/v1/cases/${id}/assignment`, {
      key: svc.keys.dispatcher,
      body: { mediatorIds, reason: 'known to the parties' },
    });
    expect(pinned.status).toBe(200);
    const [row] = (await get(`/v1/cases/rows?ids=${id}`)).rows;
    expect(row).toMatchObject({
      id,
      status: 'assigned',
      mediatorIds,
      assignedBy: 'dispatcher',
      assignedAt: pinned.body.assignment.assignedAt,
    });
    expect(pinned.body.assignment.seats[0].explanation).toBeDefined();
    expect(JSON.stringify(row)).not.toContain('explanation');
  });

  test('when a case is withdrawn, then open=true leaves it out and the counts put it under withdrawn', async () => {
    const gone = all[1]!.id;
    const before = (await get('/v1/cases/rows')).rows as Row[];
    const res = await svc.call('POST', `/v1/cases/${gone}/transitions`, {
      key: svc.keys.dispatcher,
      body: { action: 'withdraw', reason: 'parties settled on their own' },
    });
    expect(res.status).toBe(200);
    const open = await get('/v1/cases/rows?open=true');
    expect(ids(open.rows)).toEqual(ids(all).filter((id) => id !== gone));
    expect(open.total).toBe(all.length - 1);

    const counts = await get('/v1/cases/counts');
    expect(counts.byStatus.withdrawn).toBe(1);
    expect(counts.total).toBe(all.length);
    const expected: Record<string, number> = {};
    for (const r of before) if (r.id !== gone) expected[r.status] = (expected[r.status] ?? 0) + 1;
    expect((await get('/v1/cases/counts?open=true')).byStatus).toEqual(expected);
  });

  test('when counts are filtered by township and channel, then they count only those cases', async () => {
    const { township, channel } = all[3]!;
    const open = (await get('/v1/cases/rows?open=true')).rows as Row[];
    const expected: Record<string, number> = {};
    for (const r of open) if (r.township === township && r.channel === channel) expected[r.status] = (expected[r.status] ?? 0) + 1;
    const counts = await get(`/v1/cases/counts?open=true&township=${township}&channel=${channel}`);
    expect(counts.byStatus).toEqual(expected);
    expect(counts.total).toBe(Object.values(expected).reduce((x, n) => x + n, 0));
  });

  test('when the query is wrong, then 400 naming the field; a court key may not read rows', async () => {
    const bad = [
      ['/v1/cases/rows?limit=5001', 'limit'],
      ['/v1/cases/rows?class=huge', 'class'],
      [`/v1/cases/rows?ids=${Array.from({ length: 201 }, (_, i) => `c${i}`).join(',')}`, 'ids'],
      ['/v1/cases/counts?status=referred', 'status'],
      ['/v1/cases?open=yes', 'open'],
    ] as const;
    for (const [path, field] of bad) {
      const res = await svc.call('GET', path, { key: svc.keys.viewer });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain(field);
    }
    expect((await svc.call('GET', '/v1/cases/rows', { key: svc.keys.court })).status).toBe(403);
  });
});
