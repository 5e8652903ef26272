import type { Referral } from '../../src/domain';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

/** Issue 15 (case page): a proposal's seats are explained in the language asked, like the assignment's. */
describe('a proposed case in the language asked', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    const settings = { dispatchModes: { ordinary: 'propose', professional: 'propose', major: 'propose' }, proposalTimeoutMinutes: 120 };
    expect((await svc.call('PUT', '/v1/settings/dispatch', { key: svc.keys.admin, body: settings })).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when a proposed case is read with ?lang=, then each proposed seat has summary and reasons in that language', async () => {
    const [r] = referrals(1, 'proposal-words', 3);
    const body: Referral = { ...r!, channel: 'walk_in', consent: true };
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body });
    expect(posted.status).toBe(202);
    const id = posted.body.cases[0].caseId as string;
    const read = (lang: string) => svc.call('GET', `/v1/cases/${id}?lang=${lang}`, { key: svc.keys.viewer });
    const zh = await waitFor(async () => {
      const c = (await read('zh-CN')).body;
      return c.status === 'proposed' ? c : undefined;
    });
    const en = (await read('en')).body;
    const [zhSeat] = zh.proposal.seats;
    const [enSeat] = en.proposal.seats;
    expect(zhSeat.explanation.summary).toBe(zhSeat.explanation.words['zh-CN'].summary);
    expect(zhSeat.explanation.reasons).toEqual(zhSeat.explanation.words['zh-CN'].reasons);
    expect(enSeat.explanation.summary).toBe(enSeat.explanation.words.en.summary);
    expect(zhSeat.explanation.summary).toMatch(/[\u4e00-\u9fff]/);
    expect(enSeat.explanation.summary).not.toBe(zhSeat.explanation.summary);
  });
});
