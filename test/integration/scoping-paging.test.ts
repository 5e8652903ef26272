import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';

/** Issue 18 item 8: list routes page (limit ≤ 1000, offset, nextOffset), so no reply grows with the county. */
describe('paging of list routes', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const get = async (path: string) => {
    const res = await svc.call('GET', path, { key: svc.keys.viewer });
    expect(res.status).toBe(200);
    return res.body;
  };

  test('when mediators are listed page by page, then every mediator comes exactly once, in id order, and the last page says so', async () => {
    const all = mediators().map((m) => m.id);
    expect(all.length).toBeGreaterThan(250);
    const seen: string[] = [];
    let offset: number | null = 0;
    for (let pages = 0; offset !== null && pages < 100; pages++) {
      const page = await get(`/v1/mediators?limit=97&offset=${offset}`);
      expect(page.total).toBe(all.length);
      expect(page.mediators.length).toBeLessThanOrEqual(97);
      seen.push(...page.mediators.map((m: { id: string }) => m.id));
      offset = page.nextOffset;
    }
    expect(offset).toBeNull();
    expect(seen).toEqual([...all].sort());
  });

  test('when no limit is given, then 100; beyond 1000 or below 1, then 400', async () => {
    const first = await get('/v1/mediators');
    expect(first.mediators).toHaveLength(100);
    expect(first.nextOffset).toBe(100);
    for (const bad of ['limit=1001', 'limit=0', 'offset=-1']) {
      expect((await svc.call('GET', `/v1/mediators?${bad}`, { key: svc.keys.viewer })).status).toBe(400);
    }
  });

  test('when a filter is given, then total and nextOffset count the matching mediators only', async () => {
    const tier = mediators()[0]!.tier;
    const matching = mediators().filter((m) => m.tier === tier).length;
    const page = await get(`/v1/mediators?tier=${tier}&limit=1000`);
    expect(page.total).toBe(matching);
    expect(page.mediators).toHaveLength(matching);
    expect(page.nextOffset).toBeNull();
  });

  test('when cases are listed, then the reply carries nextOffset until the last page', async () => {
    expect((await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(5, 'page') })).status).toBe(202);
    const p1 = await get('/v1/cases?limit=2');
    expect(p1.total).toBeGreaterThanOrEqual(5);
    expect(p1.nextOffset).toBe(2);
    const last = await get(`/v1/cases?limit=2&offset=${p1.total - 1}`);
    expect(last.cases).toHaveLength(1);
    expect(last.nextOffset).toBeNull();
  });
});
