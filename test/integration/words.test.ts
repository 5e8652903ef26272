import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** Issue 16 item 5, "words people read", against the real API and a private Redis. */

/** No figure with more than 2 decimals; distances with exactly 1. */
function expectRounded(text: string): void {
  expect(text).not.toMatch(/\d\.\d{3,}/);
  for (const m of text.matchAll(/(\d+(?:\.\d+)?) ?(?:km|公里)/g)) expect(m[1]).toMatch(/^\d+\.\d$/);
}

describe('words people read', () => {
  let redis: TestRedis;
  let svc: TestService;
  let caseId: string;
  let mediatorId: string;
  let mediatorName: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false' } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    const ordinary = referrals(40, 'words').find((r) => r.category === 'family' || r.category === 'neighbour')!;
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: ordinary });
    expect(posted.status).toBe(202);
    caseId = posted.body.cases[0].caseId;
    const assigned = await waitFor(async () => {
      const r = await svc.call('GET', `/v1/cases/${caseId}`, { key: svc.keys.viewer });
      return r.body.status === 'assigned' ? r.body : undefined;
    }, 30_000);
    mediatorId = assigned.assignment.mediatorIds[0];
    mediatorName = (await svc.call('GET', `/v1/mediators/${mediatorId}`, { key: svc.keys.viewer })).body.name;
  }, 60_000);

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const explanation = async (path: string, headers: Record<string, string> = {}) => {
    const r = await svc.call('GET', path, { key: svc.keys.viewer, headers });
    expect(r.status).toBe(200);
    return r.body.assignment.seats[0].explanation;
  };

  test('when a case is read with Accept-Language en, by default, or with ?lang=, then its explanation is in that language, naming the mediator with rounded figures', async () => {
    const en = await explanation(`/v1/cases/${caseId}`, { 'accept-language': 'en-US,en;q=0.9' });
    const zh = await explanation(`/v1/cases/${caseId}`);
    const langWins = await explanation(`/v1/cases/${caseId}?lang=en`, { 'accept-language': 'zh-CN' });
    const zhWins = await explanation(`/v1/cases/${caseId}?lang=zh-CN`, { 'accept-language': 'en' });
    expect(en.summary).toMatch(/^Chosen: /);
    expect(zh.summary).toMatch(/^选择/);
    expect(langWins.summary).toBe(en.summary);
    expect(zhWins.summary).toBe(zh.summary);
    expect(zh.words['zh-CN'].summary).toBe(zh.summary);
    expect(zh.words.en.summary).toBe(en.summary);
    for (const e of [en, zh]) {
      expect(e.summary).toContain(mediatorName);
      expect(e.reasons.length).toBeGreaterThan(0);
      expect(e.summary).toContain(e.reasons[0]);
      for (const text of [e.summary, ...e.reasons]) expectRounded(text);
      expect(typeof e.chosen.terms.travel).toBe('number');
    }
  });

  test('when ?lang= names a language the service does not speak, then 400 names the field', async () => {
    const r = await svc.call('GET', `/v1/cases/${caseId}?lang=fr`, { key: svc.keys.viewer });
    expect(r.status).toBe(400);
    expect(r.body.error.details.field).toBe('query.lang');
  });

  test('when the geography is asked for, then it lists the 8 townships with zh and en names and their villages', async () => {
    const r = await svc.call('GET', '/v1/geography', { key: svc.keys.viewer });
    expect(r.status).toBe(200);
    expect(r.body.townships).toHaveLength(8);
    for (const t of r.body.townships) {
      expect(t.name.zh).toMatch(/^[\u4e00-\u9fff]+[镇乡]$/);
      expect(t.name.en.length).toBeGreaterThan(0);
      expect(t.villages.length).toBeGreaterThan(0);
      for (const v of t.villages) expect(v).toEqual({ id: expect.any(String), name: { zh: expect.any(String), en: expect.any(String) } });
    }
    expect(r.body.townships.flatMap((t: { villages: unknown[] }) => t.villages)).toHaveLength(123);
    expect((await svc.call('GET', '/v1/geography', { key: svc.keys.court })).status).toBe(200);
    expect((await svc.call('GET', '/v1/geography')).status).toBe(401);
  });

  test('when the case’s own mediator is full, then the candidates still list them, marked current, with the load without this case', async () => {
    const patched = await svc.call('PATCH', `/v1/mediators/${mediatorId}`, { key: svc.keys.dispatcher, body: { capacity: 1 } });
    expect(patched.status).toBe(200);
    const r = await svc.call('POST', `/v1/cases/${caseId}/candidates?lang=en`, { key: svc.keys.dispatcher, body: { k: 50 } });
    expect(r.status).toBe(200);
    expect(r.body.lang).toBe('en');
    const all = r.body.seats[0].candidates;
    const mine = all.find((c: { mediatorId: string }) => c.mediatorId === mediatorId);
    expect(mine).toMatchObject({ current: true, facts: { load: 0, capacity: 1 }, mediator: { name: mediatorName } });
    expect(all.filter((c: { current: boolean }) => c.current)).toHaveLength(1);
    expect(mine.summary).toContain('(current mediator of this case)');
    for (const c of all) for (const text of [c.summary, ...c.reasons]) expectRounded(text);
    const zh = await svc.call('POST', `/v1/cases/${caseId}/candidates`, { key: svc.keys.dispatcher, body: {} });
    expect(zh.body.seats[0].candidates[0].summary).toMatch(/公里/);
  });

  test('when a rebalance dry run moves the case (its mediator on leave), then each move carries a sentence in the requested language', async () => {
    expect(
      (await svc.call('PATCH', `/v1/mediators/${mediatorId}`, { key: svc.keys.dispatcher, body: { status: 'on_leave' } })).status,
    ).toBe(200);
    const en = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: {}, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(200);
    const move = en.body.plan.moves.find((m: { caseId: string }) => m.caseId === caseId);
    expect(move.reason).toBe('leave');
    expect(move.summary).toMatch(
      new RegExp(`^Case ${caseId} moves from ${mediatorName.replace(/[()]/g, '\\$&')} .* to .*: the current mediator will be on leave\\.$`),
    );
    expect(move.words['zh-CN']).toMatch(/^案件.*由.*改派给.*：原调解员将休假。$/);
    const zh = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: {} });
    expect(zh.body.plan.moves.find((m: { caseId: string }) => m.caseId === caseId).summary).toBe(move.words['zh-CN']);
  });
});
