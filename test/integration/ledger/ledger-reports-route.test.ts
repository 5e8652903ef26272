import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp } from '../../../src/adapters/http/app';
import { ApiKeyIndex } from '../../../src/adapters/http/auth';
import { createMetrics } from '../../../src/adapters/metrics/service-metrics';
import { openLedgerDb, type LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { migrateLedger } from '../../../src/adapters/postgres/migrate';
import { createQueues, type ServiceQueues } from '../../../src/adapters/queue/queues';
import { bullConnection, createRedis, type TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { localMonth, subsidyLedger } from '../../../src/domain/lifecycle/subsidy';
import { simulateLifecycle, type LifecycleSimResult } from '../../../src/simulator/lifecycle-simulation';
import { redisApiDeps } from '../../../src/runtime/api-deps';
import { RedisCountyRegistry } from '../../../src/adapters/redis/county-registry';
import { RedisIndicatorSettings } from '../../../src/adapters/redis/indicator-settings-repo';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { indicatorsOf, profileOf } from '../../support/ledger-records';
import { runReportCommand } from '../../../src/cli/report-command';
import { loadConfig } from '../../../src/runtime/env';
import { monthPeriod } from '../../../src/use-cases/reports/period';
import { reportKpis } from '../../../src/use-cases/reports/monthly-kpis';
import { summonsArrival } from '../../../src/use-cases/reports/summons-arrival';
import { freshDatabase, type TestDatabase } from '../../support/pg-database';
import { writeSimulatedCounty } from '../../support/ledger-cases';
import { startTestRedis, uniqueCounty, type TestRedis } from '../../support/redis';

const KEY = 'tk_viewer_ledger_reports_route';

describe('GET /v1/reports/kpis and /v1/reports/subsidy with a ledger configured (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let queues: ServiceQueues;
  let database: TestDatabase;
  let db: LedgerDb;
  let sim: LifecycleSimResult;
  const county = uniqueCounty('rep');

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
    queues = createQueues(bullConnection(server.url), 'ledger-reports');
    database = await freshDatabase();
    db = openLedgerDb(database.url);
    await migrateLedger(db);
    sim = await simulateLifecycle({ seed: 3, days: 12 });
    await writeSimulatedCounty(db, county, { ...sim, courtMonths: [] });
  }, 300_000);

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    await queues?.close();
    redis?.disconnect();
    await server?.stop();
  });

  /** The API on a free port, with or without the ledger's report reads; Redis holds nothing of the county. */
  async function get(path: string, withLedger: boolean): Promise<{ status: number; body: never }> {
    const config = loadConfig({ REDIS_URL: server.url });
    const deps = redisApiDeps({
      config,
      log: pino({ level: 'silent' }),
      redis,
      queues,
      keys: new ApiKeyIndex([{ key: KEY, role: 'viewer', county }]),
      metrics: createMetrics({ defaultMetrics: false }),
      ...(withLedger ? { ledger: db } : {}),
    });
    const app: Server = createApp(deps).app.listen(0, '127.0.0.1');
    await new Promise((r) => app.once('listening', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(app.address() as AddressInfo).port}${path}`, {
        headers: { authorization: `Bearer ${KEY}` },
      });
      return { status: res.status, body: (await res.json()) as never };
    } finally {
      await new Promise((r) => app.close(r));
    }
  }

  it('when a ledger is configured, then the month is counted from its cases; without, from Redis (empty here)', async () => {
    const month = localMonth(new Date(sim.end.getTime() - 1).toISOString());
    const { from, to } = monthPeriod(month);
    const mediators = new Map(sim.mediators.map((m) => [m.id, m]));
    const expected = reportKpis({
      files: sim.files,
      from,
      to,
      by: 'township',
      subsidy: loadSubsidyConfig(),
      mediator: (id) => mediators.get(id),
    });
    const fromLedger = await get(`/v1/reports/kpis?month=${month}&by=township`, true);
    expect(fromLedger.status).toBe(200);
    const body = fromLedger.body as { total: { referred: number; settled: number }; rows: { group: string }[]; mediators: unknown[] };
    expect(body.total).toMatchObject({
      referred: expected.total.referred,
      settled: expected.total.settled,
      attemptsEnded: expected.total.attemptsEnded,
    });
    expect(expected.total.referred).toBeGreaterThan(0);
    expect(body.rows.map((r) => r.group)).toEqual(expected.rows.map((r) => r.group));
    expect(body.mediators).toEqual(expected.mediators);
    const fromRedis = await get(`/v1/reports/kpis?month=${month}`, false);
    expect((fromRedis.body as { total: { referred: number } }).total.referred).toBe(0);
  });

  it("when a ledger is configured, then the month's subsidies come from its cases", async () => {
    const month = localMonth(new Date(sim.end.getTime() - 1).toISOString());
    const org = new Map(sim.mediators.map((m) => [m.id, m.organization]));
    const expected = subsidyLedger(sim.files, month, (id) => org.get(id), loadSubsidyConfig());
    const r = await get(`/v1/reports/subsidy?month=${month}`, true);
    expect(r.status).toBe(200);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.entries.length).toBeGreaterThan(0);
  });

  it("when `tiaojie report --county` is given the database, then it writes the report of the ledger's cases", async () => {
    const month = localMonth(new Date(sim.end.getTime() - 1).toISOString());
    const { from, to } = monthPeriod(month);
    const dir = mkdtempSync(join(tmpdir(), 'tj-ledger-report-'));
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(
        await runReportCommand(['--county', county, '--month', month, '--by', 'class', '--database', database.url, '--out', dir]),
      ).toBe(0);
      const json = JSON.parse(readFileSync(join(dir, `kpis-${county}-class.json`), 'utf8'));
      const mediators = new Map(sim.mediators.map((m) => [m.id, m]));
      const expected = reportKpis({
        files: sim.files,
        from,
        to,
        by: 'class',
        subsidy: loadSubsidyConfig(),
        mediator: (id) => mediators.get(id),
      });
      expect(json.report.total.referred).toBe(expected.total.referred);
      expect(json.report.rows.map((r: { group: string; settled: number }) => [r.group, r.settled])).toEqual(
        expected.rows.map((r) => [r.group, r.settled]),
      );
      expect(String(out.mock.calls.map((c) => c[0]).join(''))).toMatch(new RegExp(`county ${county} from the ledger`));
    } finally {
      out.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a ledger is configured, then 按时到位率 counts the summonses it holds — in the KPI and summons-arrival routes and in `tiaojie report --county` alike, none of them in Redis', async () => {
    const month = localMonth(new Date(sim.end.getTime() - 1).toISOString());
    const { from, to } = monthPeriod(month);
    // Judged now, as the route and the CLI judge: every summons of the simulated days is past its time.
    const fromSummonses = summonsArrival(sim.summonses, { from, to }, new Date()).total;
    expect(fromSummonses.due).toBeGreaterThan(0);
    const route = (await get(`/v1/reports/kpis?month=${month}`, true)).body as { summonsArrival: { due: number; onTime: number } };
    const asOf = (r: { summonsArrival: { due: number; onTime: number } }) => r.summonsArrival;
    expect(asOf(route)).toEqual({ due: fromSummonses.due, onTime: fromSummonses.onTime });
    const dir = mkdtempSync(join(tmpdir(), 'tj-ledger-report-'));
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runReportCommand(['--county', county, '--month', month, '--database', database.url, '--out', dir])).toBe(0);
      const json = JSON.parse(readFileSync(join(dir, `kpis-${county}-township.json`), 'utf8')) as { report: never };
      expect(asOf(json.report)).toEqual(asOf(route));
    } finally {
      out.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    const arrival = (await get(`/v1/reports/summons-arrival?month=${month}`, true)).body as { total: { due: number; onTime: number } };
    expect({ due: arrival.total.due, onTime: arrival.total.onTime }).toEqual(asOf(route));
    const withoutLedger = (await get(`/v1/reports/kpis?month=${month}`, false)).body as { summonsArrival: { due: number } };
    expect(withoutLedger.summonsArrival.due).toBe(0);
  });

  it("when the county is registered and saves its indicator settings, then the route and `tiaojie report --county` take its populations and quality window alike, the CLI from the ledger's copy", async () => {
    const month = localMonth(new Date(sim.end.getTime() - 1).toISOString());
    const cli = async (): Promise<{ population: number; qualityWindowDays: number }> => {
      const dir = mkdtempSync(join(tmpdir(), 'tj-ledger-report-'));
      const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        expect(
          await runReportCommand(['--county', county, '--month', month, '--by', 'class', '--database', database.url, '--out', dir]),
        ).toBe(0);
        return (JSON.parse(readFileSync(join(dir, `kpis-${county}-class.json`), 'utf8')) as { report: never }).report;
      } finally {
        out.mockRestore();
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const route = async () =>
      (await get(`/v1/reports/kpis?month=${month}`, true)).body as { population: number; qualityWindowDays: number };
    const project = () => projectOutbox(ledgerProjectionFor({ redis, db, lifecycle: loadLifecycleConfig() }, county));
    const pick = (r: { population: number; qualityWindowDays: number }) => ({
      population: r.population,
      qualityWindowDays: r.qualityWindowDays,
    });
    const profile = profileOf(county);

    await new RedisCountyRegistry(redis).putProfile(county, { ...profile, county: { ...profile.county, population: 123_456 } }, new Date());
    await project();
    expect(pick(await route())).toEqual({ population: 123_456, qualityWindowDays: 90 });
    expect(pick(await cli())).toEqual({ population: 123_456, qualityWindowDays: 90 });

    await new RedisIndicatorSettings(redis, county, () => Promise.reject(new Error('unused'))).put(indicatorsOf(county));
    await project();
    const own = { population: indicatorsOf(county).population.county.population, qualityWindowDays: 45 };
    expect(pick(await route())).toEqual(own);
    expect(pick(await cli())).toEqual(own);
  });
});
