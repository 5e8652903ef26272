import { loadDispatchConfig } from '../../src/domain/config/load';
import { mediators, referrals } from '../support/county-fixture';
import { replyProblems } from '../support/openapi-check';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestReply, type TestService } from '../support/service';

/**
 * The API the console's rebalance, indicators and map pages read (issue 15), against the real
 * service and a private Redis: GET /v1/rebalance/last, GET /v1/geography/map, and the KPI report by
 * channel and class with its definitions in the reader's language.
 */
describe('the API of the rebalance, indicators and map pages (real Redis)', () => {
  let redis: TestRedis;
  let svc: TestService;
  let doc: TestReply['body'];
  const county = loadDispatchConfig().county;
  const REFERRED = 12;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false' } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    doc = (await svc.call('GET', '/openapi.json')).body;
  }, 120_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const get = (path: string, key = svc.keys.viewer) => svc.call('GET', path, { key });

  test('when no case is open, then the map has every configured place with its coordinates, no cases, and every mediator', async () => {
    const r = await get('/v1/geography/map');
    expect(r.status).toBe(200);
    expect(replyProblems(doc, 'GET', '/v1/geography/map', r)).toEqual([]);
    expect(r.body.centre).toEqual({ township: county.county.seat.township, location: county.county.seat.location });
    expect(r.body.townships.map((t: { id: string }) => t.id)).toEqual(county.townships.map((t) => t.id));
    const first = county.townships[0]!;
    expect(r.body.townships[0].seat).toEqual(first.seat);
    expect(r.body.townships[0].villages[0]).toMatchObject({
      id: first.villages[0]!.id,
      location: first.villages[0]!.location,
      population: first.villages[0]!.population,
    });
    expect(r.body.townships[0].population).toBe(first.villages.reduce((s, v) => s + v.population, 0));
    expect(r.body.openCases).toBe(0);
    const all = mediators();
    const counted = r.body.townships.reduce((s: number, t: { mediators: { count: number } }) => s + t.mediators.count, 0);
    expect(counted).toBe(all.filter((m) => county.townships.some((t) => t.id === m.township)).length);
    const capacity = r.body.townships.reduce((s: number, t: { mediators: { capacity: number } }) => s + t.mediators.capacity, 0);
    expect(capacity).toBe(all.filter((m) => county.townships.some((t) => t.id === m.township)).reduce((s, m) => s + m.capacity, 0));
  });

  test('when referrals are dispatched, then the map counts each open case at its township and village and the loads it put on mediators', async () => {
    const sent = referrals(REFERRED, 'map', 5);
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: sent });
    expect(posted.status).toBe(202);
    const ids: string[] = posted.body.cases.map((c: { caseId: string }) => c.caseId);
    await waitFor(async () => {
      const states = await Promise.all(ids.map(async (id) => (await get(`/v1/cases/${id}`)).body.status as string));
      return states.every((s) => s !== 'referred') ? true : undefined;
    }, 60_000);
    const r = await get('/v1/geography/map');
    expect(r.body.openCases).toBe(REFERRED);
    // Independently: count the referrals per place and the seats the service reports as load.
    for (const t of r.body.townships as { id: string; openCases: number; villages: { id: string; openCases: number }[] }[]) {
      expect(t.openCases).toBe(sent.filter((s) => s.township === t.id).length);
      for (const v of t.villages) expect(v.openCases).toBe(sent.filter((s) => s.township === t.id && s.village === v.id).length);
    }
    const listed = await get('/v1/mediators?limit=1000');
    const load = listed.body.mediators.reduce((s: number, m: { load: number }) => s + m.load, 0);
    expect(r.body.townships.reduce((s: number, t: { mediators: { load: number } }) => s + t.mediators.load, 0)).toBe(load);
    expect(load).toBeGreaterThan(0);
  }, 90_000);

  test('when the court asks for the map, then 403: coordinates and loads are for the centre', async () => {
    expect((await get('/v1/geography/map', svc.keys.court)).status).toBe(403);
  });

  test('when no run has finished, then GET /v1/rebalance/last answers job null', async () => {
    const r = await get('/v1/rebalance/last');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ job: null });
    expect(replyProblems(doc, 'GET', '/v1/rebalance/last', r)).toEqual([]);
  });

  test('when a dry run and then an apply finish, then /last answers the newest, the filter picks by kind, and another county sees none', async () => {
    const dry = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { dryRun: true } });
    expect(dry.status).toBe(200);
    const last = await get('/v1/rebalance/last?lang=en');
    expect(last.status).toBe(200);
    expect(replyProblems(doc, 'GET', '/v1/rebalance/last', last)).toEqual([]);
    expect(last.body.job).toMatchObject({
      state: 'completed',
      trigger: 'manual',
      dryRun: true,
      result: { status: 'planned', runId: dry.body.runId },
    });
    expect((await get('/v1/rebalance/last?dryRun=false')).body).toEqual({ job: null });
    expect((await get('/v1/rebalance/last', svc.keys.otherCounty)).body).toEqual({ job: null });

    const queued = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { dryRun: false } });
    expect(queued.status).toBe(202);
    const applied = await waitFor(async () => {
      const r = await get(`/v1/rebalance/jobs/${queued.body.jobId}`);
      return r.body.state === 'completed' ? r.body : undefined;
    }, 60_000);
    const newest = await get('/v1/rebalance/last');
    expect(newest.body.job).toMatchObject({
      id: queued.body.jobId,
      dryRun: false,
      result: { status: 'applied', runId: applied.result.runId },
    });
    expect((await get('/v1/rebalance/last?dryRun=true')).body.job.id).toBe(last.body.job.id);
    expect((await get('/v1/rebalance/last?dryRun=maybe')).status).toBe(400);
  }, 120_000);

  test('when the KPIs are grouped by channel and by class, then the rows add up to the total, and definitions come in the asked language', async () => {
    const sent = referrals(REFERRED, 'map', 5);
    const times = sent.map((s) => Date.parse(s.referredAt));
    const period = `from=${new Date(Math.min(...times)).toISOString()}&to=${new Date(Math.max(...times) + 1).toISOString()}`;
    const total = await get(`/v1/reports/kpis?${period}`);
    expect(total.body.total.referred).toBe(REFERRED);
    for (const by of ['channel', 'class'] as const) {
      const r = await get(`/v1/reports/kpis?${period}&by=${by}&lang=en`);
      expect(r.status).toBe(200);
      expect(replyProblems(doc, 'GET', '/v1/reports/kpis', r)).toEqual([]);
      expect(r.body.by).toBe(by);
      expect(r.body.rows.reduce((s: number, row: { referred: number }) => s + row.referred, 0)).toBe(REFERRED);
      expect(r.body.localDefinitions.successRate).toBe(r.body.definitions.successRate);
    }
    const byChannel = (await get(`/v1/reports/kpis?${period}&by=channel`)).body.rows as { group: string; referred: number }[];
    for (const row of byChannel) expect(row.referred).toBe(sent.filter((s) => s.channel === row.group).length);
    expect(byChannel.map((row) => row.group).sort()).toEqual([...new Set(sent.map((s) => s.channel))].sort());
    expect(total.body.localDefinitions.successRate).toMatch(/调处成功率/);
    expect(Object.keys(total.body.localDefinitions).sort()).toEqual(Object.keys(total.body.definitions).sort());
    expect((await get('/v1/reports/kpis?lang=fr')).status).toBe(400);
  });
});
