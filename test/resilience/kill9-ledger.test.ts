/**
 * kill -9 of the worker between the Redis step and the ledger write (issue 19 part 2): API and worker
 * are separate processes; the worker runs dispatch and the ledger projector. It dies mid-load without
 * a word to Redis or PostgreSQL, a new one starts, and once every referral is dispatched and the
 * outbox drained, Redis and the ledger must agree case by case: every 202 in both, no ledger row
 * for a case Redis does not hold, the county's events all copied. A request the client heard no
 * 202 for may still have been written (the store gate's 503 on a slow machine, a client timeout):
 * such a case is in Redis and then must be in the ledger too, like any other.
 */
import { sql } from 'kysely';
import { openLedgerDb, type LedgerDb } from '../../src/adapters/postgres/ledger-db';
import { countyKeys } from '../../src/adapters/redis/keys';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { mediators, referrals } from '../support/county-fixture';
import { freshDatabase, type TestDatabase } from '../support/pg-database';
import { startTestRedis, type TestRedis } from '../support/redis';
import { deployment, type Deployment, type ServiceProcess } from './support/service-process';
import { driveLoad, loadMediators } from './support/load-driver';
import { report, waitUntilDispatched } from './support/checker';
import { agreementAtRest } from './support/ledger-at-rest';
import { takeoverBound } from './support/takeover-bound';

const REFERRALS = 600;
const PER_SECOND = 60;
/** The worker is killed when this many requests have settled: mid-intake, with jobs and outbox entries in hand. */
const KILL_AFTER = 200;
/** How long the outbox may take to drain once all is dispatched (the projector copies ~hundreds of cases/s). */
const DRAIN_MS = 60_000;

jest.setTimeout(240_000);

describe('kill -9 of the worker (dispatch and ledger projector) during intake', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;
  let dep: Deployment;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
    database = await freshDatabase();
    db = openLedgerDb(database.url);
    // A database of its own: every ledger row in it is this deployment's.
    dep = deployment(server.url, { DATABASE_URL: database.url });
  });
  afterAll(async () => {
    await dep?.cleanup();
    await db?.destroy();
    await database?.drop();
    redis?.disconnect();
    await server?.stop();
  });

  test('when the worker is killed with SIGKILL and a new one started, then Redis and the ledger agree case by case and the ledger holds nothing unacknowledged', async () => {
    const api = await dep.start('api');
    const first = await dep.start('worker');
    expect(await loadMediators(api.url, dep.keys.admin, mediators())).toBe(200);

    let killedAt = 0;
    let readyAt = 0;
    let lagAtKill: Promise<number> | undefined;
    let second: Promise<ServiceProcess> | undefined;
    const load = await driveLoad({
      url: api.url,
      key: dep.keys.court,
      referrals: referrals(REFERRALS, 'kill9ledger'),
      perSecond: PER_SECOND,
      onSettled: (done) => {
        if (done !== KILL_AFTER) return;
        lagAtKill = redis.xlen(countyKeys(dep.county).ledgerOutbox);
        killedAt = Date.now();
        first.child.kill('SIGKILL');
        second = first.exited
          .then(() => dep.start('worker'))
          .then((w) => {
            readyAt = Date.now();
            return w;
          });
      },
    });
    expect(second).toBeDefined();
    await second;
    expect((await first.exited).signal).toBe('SIGKILL');

    const { reckoning, settledMs } = await waitUntilDispatched(server.url, dep.county, load.acknowledged, takeoverBound().ms + 30_000);
    const dispatchedAt = Date.now();
    const rest = await agreementAtRest(redis, db, dep.county, DRAIN_MS);
    const acknowledged = new Set(load.acknowledged);
    const ledgerIds = (await db.selectFrom('cases').select('case_id').where('county', '=', dep.county).execute()).map((r) => r.case_id);
    const counties = await db
      .selectFrom('cases')
      .select(sql<string>`distinct county`.as('county'))
      .execute();
    const a = rest?.agreement;
    report('kill9-ledger', {
      sent: REFERRALS,
      acknowledged: acknowledged.size,
      killedAt: KILL_AFTER,
      lagAtKill: await lagAtKill,
      casesInRedis: a?.cases,
      ledgerRows: ledgerIds.length,
      agreed: a?.agreed,
      disagreed: a?.disagreed.length,
      ledgerOnly: a?.ledgerOnly.length,
      // Written, but the client got no 202: answered 503 by the store gate while the write went on, or no reply in 10 s.
      storedWithoutReply: ledgerIds.filter((id) => !acknowledged.has(id)).length,
      events: a?.events,
      notDispatched: reckoning.notDispatched.length,
      secondsFromKillToWorkerReady: (readyAt - killedAt) / 1000,
      secondsFromKillToDispatched: settledMs === undefined ? undefined : (dispatchedAt - killedAt) / 1000,
      secondsFromKillToDrained: rest ? (rest.drainedAt - killedAt) / 1000 : undefined,
      byStatus: load.byStatus,
    });

    expect(load.attempts.filter((t) => t.status >= 500 && t.status !== 503)).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(reckoning.lost).toEqual([]);
    expect(reckoning.notDispatched).toEqual([]);
    expect(rest).toBeDefined();
    expect(a?.disagreed).toEqual([]);
    expect(a?.ledgerOnly).toEqual([]);
    expect(a?.agreed).toBe(a?.cases);
    expect(ledgerIds.length).toBe(a?.cases);
    expect(ledgerIds).toEqual(expect.arrayContaining([...acknowledged]));
    expect(a?.events.ledger).toBe(a?.events.redis);
    expect(counties.map((c) => c.county)).toEqual([dep.county]);
  });
});
