import type { Referral } from '../../src/domain';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';
import { replyProblems, type OpenApiDoc } from '../support/openapi-check';

/** Issue 17 part 2, convening: a major case's panel proposed, read and confirmed with a swap, on the real API and a private Redis. */
describe('convening a major case: GET /v1/cases/{id}/panel and POST …/panel/confirm', () => {
  let redis: TestRedis;
  let svc: TestService;
  let doc: OpenApiDoc;
  let serial = 0;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    doc = (await svc.call('GET', '/openapi.json')).body as OpenApiDoc;
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  /** A major medical dispute with 40 parties sent by the court: the plan has a lead, a sector and a legal expert, and a judge. */
  function majorReferral(extra: Partial<Referral> = {}): Referral {
    serial += 1;
    const [r] = referrals(1, `panel-${serial}`, 100 + serial);
    const parties = Array.from({ length: 40 }, (_, i) => ({ ref: `panel-${serial}-p${i}` }));
    return {
      ...r!,
      externalId: `panel-${serial}`,
      channel: 'court',
      consent: true,
      class: 'major',
      category: 'medical',
      parties,
      ...extra,
    };
  }

  async function refer(r: Referral): Promise<string> {
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: r });
    expect(posted.status).toBe(202);
    return posted.body.cases[0].caseId as string;
  }

  const getCase = async (id: string) => (await svc.call('GET', `/v1/cases/${id}`, { key: svc.keys.viewer })).body;
  const settled = (id: string) => waitFor(async () => ((await getCase(id)).status === 'referred' ? undefined : getCase(id)));
  const confirm = (id: string, body: unknown) => svc.call('POST', `/v1/cases/${id}/panel/confirm`, { key: svc.keys.dispatcher, body });

  function conforming(method: string, path: string, reply: Awaited<ReturnType<typeof svc.call>>) {
    expect(replyProblems(doc, method, path, reply)).toEqual([]);
    return reply;
  }

  test('when a 40-party court referral is major, then it is proposed with a three-seat panel, a court liaison and the departments, explained in en and zh', async () => {
    const id = await refer(majorReferral());
    const c = await settled(id);
    expect(c.status).toBe('proposed');
    expect(c.proposal.panel.seats).toEqual(['lead', 'expert', 'legal_expert']);
    expect(new Set(c.proposal.mediatorIds).size).toBe(3);

    const en = conforming('GET', '/v1/cases/{id}/panel', await svc.call('GET', `/v1/cases/${id}/panel?lang=en`, { key: svc.keys.viewer }));
    expect(en.status).toBe(200);
    expect(en.body.source).toBe('proposal');
    expect(en.body.members.map((m: { role: string }) => m.role)).toEqual(['lead', 'expert', 'legal_expert']);
    expect(en.body.members.map((m: { mediatorId: string }) => m.mediatorId)).toEqual(c.proposal.mediatorIds);
    for (const m of en.body.members) {
      expect(m.person).toEqual(expect.any(String));
      expect(m.explanation.summary).toMatch(/Chosen/);
    }
    expect(en.body.words.reasons).toEqual(['40 parties (≥ 10): two experts', 'medical disputes need law: a legal expert sits']);
    expect(en.body.words.liaison.role).toBe('court_liaison');
    expect(en.body.words.departments.map((d: { id: string }) => d.id)).toEqual(['health', 'court']);
    const zh = await svc.call('GET', `/v1/cases/${id}/panel`, { key: svc.keys.viewer, headers: { 'accept-language': 'zh-CN' } });
    expect(zh.body.words.departments.map((d: { name: string }) => d.name)).toEqual(['县卫生健康局', '县人民法院']);
  });

  test('when a dispatcher swaps the expert for another eligible one, then the panel is assigned with the swap recorded, loads taken, a second confirm 409, and the joint session books all three in a legal-expert room', async () => {
    // Referred now (the fixture's dates are 2024): its legal term must still run for the joint session below.
    const fresh = majorReferral({ referredAt: new Date(Date.now() - 60_000).toISOString() });
    delete fresh.deadlineAt;
    const id = await refer(fresh);
    const c = await settled(id);
    expect(c.status).toBe('proposed');
    const proposedExpert = c.proposal.mediatorIds[1] as string;
    const other = c.proposal.candidates[1].candidates.find((x: { mediatorId: string }) => x.mediatorId !== proposedExpert)
      .mediatorId as string;

    const done = conforming(
      'POST',
      '/v1/cases/{id}/panel/confirm',
      await confirm(id, { swaps: [{ role: 'expert', mediatorId: other }], liaisonRef: 'court-judge-7' }),
    );
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('assigned');
    expect(done.body.assignment.by).toBe('dispatcher');
    expect(done.body.assignment.mediatorIds).toEqual([c.proposal.mediatorIds[0], other, c.proposal.mediatorIds[2]]);
    expect(done.body.assignment.panel.confirmed).toMatchObject({
      swaps: [{ role: 'expert', from: proposedExpert, to: other }],
      liaisonRef: 'court-judge-7',
    });
    for (const m of done.body.assignment.mediatorIds as string[]) {
      expect((await svc.call('GET', `/v1/mediators/${m}`, { key: svc.keys.viewer })).body.load).toBeGreaterThanOrEqual(1);
    }
    const panel = await svc.call('GET', `/v1/cases/${id}/panel?lang=en`, { key: svc.keys.viewer });
    expect(panel.body.source).toBe('assignment');
    expect(panel.body.members[1].mediatorId).toBe(other);

    const again = conforming('POST', '/v1/cases/{id}/panel/confirm', await confirm(id, {}));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');

    // The joint session: the panel has a legal expert, so it meets in one of the legal-expert rooms, all three booked.
    const accepted = await svc.call('POST', `/v1/cases/${id}/transitions`, { key: svc.keys.dispatcher, body: { action: 'accept' } });
    expect(accepted.status).toBe(200);
    const plan = await svc.call('POST', '/v1/sessions/plan', { key: svc.keys.dispatcher });
    expect(plan.status).toBe(200);
    const booking = plan.body.booked.find((b: { caseId: string }) => b.caseId === id);
    expect(booking).toBeDefined();
    expect(booking.roomId).toMatch(/^legal-/);
    expect([...booking.mediatorIds].sort()).toEqual([...done.body.assignment.mediatorIds].sort());
  });

  test('when a swap names a seat the plan lacks, an unknown mediator, or an ineligible one, then 400 naming the field, or 409 with the violated rule; the proposal stays', async () => {
    const id = await refer(majorReferral());
    const c = await settled(id);
    expect(c.status).toBe('proposed');

    const noSeat = conforming(
      'POST',
      '/v1/cases/{id}/panel/confirm',
      await confirm(id, { swaps: [{ role: 'sole', mediatorId: c.proposal.mediatorIds[0] }] }),
    );
    expect(noSeat.status).toBe(400);
    expect(noSeat.body.error.details.field).toBe('body.swaps[0].role');

    const unknown = await confirm(id, { swaps: [{ role: 'expert', mediatorId: 'nobody-here' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.field).toBe('body.swaps[0].mediatorId');

    // The gold lead cannot also sit as the legal expert: not in the pool, and the same person twice.
    const gold = conforming(
      'POST',
      '/v1/cases/{id}/panel/confirm',
      await confirm(id, { swaps: [{ role: 'legal_expert', mediatorId: c.proposal.mediatorIds[0] }] }),
    );
    expect(gold.status).toBe(409);
    expect(gold.body.error.details.violations.map((v: { rule: string }) => v.rule)).toEqual(expect.arrayContaining(['duplicate_mediator']));
    expect((await getCase(id)).status).toBe('proposed');
  });

  test('when the case is not major, then GET panel is 404; when a major case is not dispatched yet, then the plan is sized with no members', async () => {
    const ordinary = await refer({ ...majorReferral(), class: 'ordinary', category: 'family', channel: 'walk_in' });
    const missing = conforming(
      'GET',
      '/v1/cases/{id}/panel',
      await svc.call('GET', `/v1/cases/${ordinary}/panel`, { key: svc.keys.viewer }),
    );
    expect(missing.status).toBe(404);

    const waiting = await refer(majorReferral({ consent: false }));
    const sized = await svc.call('GET', `/v1/cases/${waiting}/panel?lang=en`, { key: svc.keys.viewer });
    expect(sized.status).toBe(200);
    expect(sized.body.source).toBe('sized');
    expect(sized.body.members.map((m: { mediatorId: string | null }) => m.mediatorId)).toEqual([null, null, null]);
  });
});
