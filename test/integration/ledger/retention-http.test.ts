import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createApp } from '../../../src/adapters/http/app';
import { ApiKeyIndex } from '../../../src/adapters/http/auth';
import { createMetrics } from '../../../src/adapters/metrics/service-metrics';
import { createQueues, type ServiceQueues } from '../../../src/adapters/queue/queues';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import { bullConnection, createRedis, type TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { PostgresLedgerCases } from '../../../src/adapters/postgres/ledger-cases';
import { openLedgerDb, type LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { migrateLedger } from '../../../src/adapters/postgres/migrate';
import type { Referral } from '../../../src/domain';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { omit } from '../../../src/domain/omit';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { archiveClosedCases } from '../../../src/use-cases/lifecycle/archive-closed-cases';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { redisApiDeps } from '../../../src/runtime/api-deps';
import { loadConfig } from '../../../src/runtime/env';
import { ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { ledgerEvictionFor } from '../../../src/runtime/ledger-retention';
import { referrals } from '../../support/county-fixture';
import { freshDatabase, type TestDatabase } from '../../support/pg-database';
import { startTestRedis, uniqueCounty, type TestRedis } from '../../support/redis';

const lifecycle = loadLifecycleConfig();

describe('the API once retention evicted a case to the ledger (real app, private redis-server, a database of its own)', () => {
  const county = uniqueCounty('evhttp');
  const keys = { court: `court-${county}`, dispatcher: `disp-${county}` };
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;
  let queues: ServiceQueues;
  let http: Server;
  let base: string;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
    database = await freshDatabase();
    db = openLedgerDb(database.url);
    await migrateLedger(db);
    queues = createQueues(bullConnection(server.url), `q-${county}`);
    const config = loadConfig({ REDIS_URL: server.url });
    const apiKeys = new ApiKeyIndex([
      { key: keys.court, role: 'court', county },
      { key: keys.dispatcher, role: 'dispatcher', county },
    ]);
    const deps = redisApiDeps({
      config,
      log: pino({ level: 'silent' }),
      redis,
      queues,
      keys: apiKeys,
      metrics: createMetrics({ defaultMetrics: false }),
    });
    const { app } = createApp({ ...deps, stores: { ...deps.stores, ledgerCases: (c) => new PostgresLedgerCases(db, c) } });
    http = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => http.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    await queues?.close();
    await db?.destroy();
    await database?.drop();
    redis?.disconnect();
    await server?.stop();
  });

  const call = async (method: string, path: string, key: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  test('when a withdrawn case was evicted, then GET answers its record from the ledger and the same referral again is a duplicate, not a new case', async () => {
    const referral: Referral = {
      ...omit(referrals(1, county, 11)[0]!, 'deadlineAt'),
      channel: 'walk_in',
      consent: true,
      referredAt: new Date().toISOString(),
      attempts: [],
    };
    const posted = await call('POST', '/v1/referrals', keys.court, referral);
    expect(posted.status).toBe(202);
    const caseId = (posted.body.cases as { caseId: string }[])[0]!.caseId;
    const withdrawn = await call('POST', `/v1/cases/${caseId}/transitions`, keys.dispatcher, {
      action: 'withdraw',
      reason: 'settled privately',
    });
    expect(withdrawn.status).toBe(200);
    await projectOutbox(ledgerProjectionFor({ redis, db, lifecycle }, county));
    const files = caseFiles(new RedisLifecycleStore(redis, county, 1000), lifecycle);
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(
      (await archiveClosedCases(files, ledgerEvictionFor(redis, db, county), later, { retentionDays: 365, maxPerRun: 10 })).archived,
    ).toBe(1);
    expect(await redis.exists(`tj:{${county}}:case:${caseId}`)).toBe(0);

    const got = await call('GET', `/v1/cases/${caseId}`, keys.dispatcher);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: caseId, status: 'withdrawn' });
    const again = await call('POST', '/v1/referrals', keys.court, referral);
    expect(again.body.cases).toEqual([{ externalId: referral.externalId, caseId, outcome: 'duplicate' }]);
    expect(await redis.exists(`tj:{${county}}:case:${caseId}`)).toBe(0);
    expect((await call('GET', `/v1/cases/${caseId}/summonses`, keys.dispatcher)).status).toBe(200);
    expect((await call('GET', '/v1/cases/nope', keys.dispatcher)).status).toBe(404);
  });
});
