import { sql } from 'kysely';
import { countyKeys } from '../../../src/adapters/redis/keys';
import { referrals } from '../../support/county-fixture';
import { startTestRedis, type TestRedis } from '../../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../../support/service';

describe('the service keeps its ledger: referrals through the API reach PostgreSQL', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  test('when referrals are assigned, then each case is in the ledger with the status and mediators Redis holds, its events beside it, and the outbox drains', async () => {
    const sent = referrals(12, 'ledger');
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: sent });
    expect(posted.status).toBe(202);
    const ids = (posted.body.cases as { caseId: string }[]).map((c) => c.caseId);
    const db = svc.service.ledger.db;
    const rows = await waitFor(async () => {
      const r = await db.selectFrom('cases').select(['case_id', 'status', 'mediator_ids']).where('county', '=', svc.county).execute();
      return r.length === ids.length && r.every((x) => x.status !== 'referred') ? r : undefined;
    }, 30_000);
    for (const row of rows) {
      const got = await svc.call('GET', `/v1/cases/${row.case_id}`, { key: svc.keys.viewer });
      expect(row.status).toBe(got.body.status);
      expect(row.mediator_ids).toEqual(got.body.assignment?.mediatorIds ?? []);
    }
    const events = await db
      .selectFrom('ledger_events')
      .select(sql<number>`count(*)`.as('n'))
      .where('county', '=', svc.county)
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBe(await svc.service.redis.xlen(countyKeys(svc.county).events));
    await waitFor(async () => ((await svc.service.redis.xlen(countyKeys(svc.county).ledgerOutbox)) === 0 ? true : undefined), 10_000);
  });
});
