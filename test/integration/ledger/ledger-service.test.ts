import { sql } from 'kysely';
import { countyKeys } from '../../../src/adapters/redis/keys';
import { referrals } from '../../support/county-fixture';
import { indicatorsOf, profileOf } from '../../support/ledger-records';
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

  test('when the county is registered, its indicator settings saved and a user created through the API, then the ledger holds each, and a Redis Cluster takes the outbox notes in the same MULTI', async () => {
    const db = svc.service.ledger.db;
    const profile = profileOf(svc.county);
    const registered = await svc.call('POST', '/v1/admin/counties', { key: svc.keys.installation, body: profile });
    expect(registered.status).toBeLessThan(300);
    const settings = indicatorsOf(svc.county);
    expect((await svc.call('PUT', '/v1/settings/indicators', { key: svc.keys.admin, body: settings })).status).toBe(200);
    const username = `ledger.${svc.county}`.slice(0, 32);
    const body = { username, displayName: '台账', role: 'viewer', password: 'a long pass phrase' };
    expect((await svc.call('POST', '/v1/users', { key: svc.keys.admin, body })).status).toBe(201);

    const county = await waitFor(
      () => db.selectFrom('counties').select(['status', 'version', 'profile']).where('county', '=', svc.county).executeTakeFirst(),
      15_000,
    );
    expect(county).toEqual({ status: 'active', version: 1, profile });
    const stored = await waitFor(
      () =>
        db.selectFrom('county_settings').select('doc').where('county', '=', svc.county).where('kind', '=', 'indicators').executeTakeFirst(),
      15_000,
    );
    expect(stored.doc).toEqual(settings);
    const user = await waitFor(() => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(), 15_000);
    expect(user).toMatchObject({ county: svc.county, role: 'viewer', disabled: false });
    // The password only as its argon2id hash.
    expect(JSON.stringify(user.doc)).not.toContain('a long pass phrase');
    expect((user.doc as { passwordHash: string }).passwordHash).toMatch(/^\$argon2id\$/);
  });
});
