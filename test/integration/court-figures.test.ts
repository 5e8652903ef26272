import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImportCommand } from '../../src/cli/import-command';
import { InputError } from '../../src/cli/exit-codes';
import { countyKeys } from '../../src/adapters/redis/keys';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { startTestRedis, type TestRedis } from '../support/redis';
import { startTestService, type TestService } from '../support/service';
import { syncLedger } from '../support/ledger-sync';

const HEADER = 'month,civil_commercial_filings,administrative_filings,transferred_to_mediation,filed_after_failed_mediation';
/** 2023 by month: 1,900 filings (158 × 11 + 162), 195 transfers and 47 filings after failed mediation a month. */
const YEAR_CSV =
  [HEADER, ...Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')},${i === 11 ? 162 : 158},5,195,47`)].join('\n') +
  '\n';

/** Issue 17 parts 4 and 5: court figures in (HTTP and CSV), into Redis, and out as the assessed indicators. */
describe('court figures and the indicators they feed', () => {
  let redis: TestRedis;
  let svc: TestService;
  let client: TiaojieRedis;
  let dir: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    client = createRedis(redis.url);
    dir = mkdtempSync(join(tmpdir(), 'tj-court-'));
  });

  afterAll(async () => {
    client?.disconnect();
    await svc?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const figures = { civilCommercialFilings: 160, administrativeFilings: 6, transferredToMediation: 240, filedAfterFailedMediation: 50 };
  const put = (month: string, body: unknown, key = svc.keys.court) => svc.call('PUT', `/v1/court-figures/${month}`, { key, body });

  it('when the court PUTs a month twice and then changes a figure, then it is created, unchanged, then updated naming the field', async () => {
    expect((await put('2022-05', figures)).body).toMatchObject({ outcome: 'created', changedFields: [] });
    const stored = await client.hget(countyKeys(svc.county).courtFigures, '2022-05');
    expect((await put('2022-05', figures)).body).toMatchObject({ outcome: 'unchanged' });
    expect(await client.hget(countyKeys(svc.county).courtFigures, '2022-05')).toBe(stored);
    const r = await put('2022-05', { ...figures, transferredToMediation: 241 });
    expect(r.body).toMatchObject({ outcome: 'updated', changedFields: ['transferredToMediation'] });
    const got = await svc.call('GET', '/v1/court-figures?from=2022-01&to=2022-12', { key: svc.keys.viewer });
    expect(got.status).toBe(200);
    expect(got.body.months).toEqual([expect.objectContaining({ month: '2022-05', figures: { ...figures, transferredToMediation: 241 } })]);
  });

  it('when the input is bad, then 400 names the field and the reason; a viewer may not write', async () => {
    const badMonth = await put('2022-13', figures);
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.error.details.field).toBe('params.month');
    const negative = await put('2022-06', { ...figures, civilCommercialFilings: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details.field).toBe('body.civilCommercialFilings');
    const more = await put('2022-06', { ...figures, filedAfterFailedMediation: 161 });
    expect(more.status).toBe(400);
    expect(more.body.error.details).toMatchObject({
      field: 'body.filedAfterFailedMediation',
      reason: expect.stringMatching(/must not exceed/),
    });
    expect((await svc.call('GET', '/v1/court-figures?from=2022-05&to=2022-01', { key: svc.keys.viewer })).status).toBe(400);
    expect((await put('2022-06', figures, svc.keys.viewer)).status).toBe(403);
  });

  it('when a CSV has a bad row, then the import fails naming line and column and nothing is written', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, YEAR_CSV + '2024-01,12a,1,1,1\n');
    const env = { REDIS_URL: redis.url, REDIS_EMBEDDED: 'false', DATA_DIR: dir };
    await expect(runImportCommand(['court-figures', file, '--county', svc.county], { env, out: () => undefined })).rejects.toThrow(
      InputError,
    );
    await expect(runImportCommand(['court-figures', file, '--county', svc.county], { env, out: () => undefined })).rejects.toThrow(
      /line 14: civil_commercial_filings/,
    );
    expect(await client.hkeys(countyKeys(svc.county).courtFigures)).toEqual(['2022-05']);
  });

  it('when a year is imported twice from CSV, then the second changes nothing, and the report shows 万人成讼率 111.8 and 诉前调解率 from the figures', async () => {
    const file = join(dir, 'year.csv');
    writeFileSync(file, YEAR_CSV);
    const env = { REDIS_URL: redis.url, REDIS_EMBEDDED: 'false', DATA_DIR: dir };
    let out = '';
    expect(await runImportCommand(['court-figures', file, '--county', svc.county], { env, out: (t) => void (out += t) })).toBe(0);
    expect(out).toMatch(/12 new, 0 updated, 0 unchanged/);
    const before = await client.hgetall(countyKeys(svc.county).courtFigures);
    out = '';
    expect(await runImportCommand(['court-figures', file, '--county', svc.county], { env, out: (t) => void (out += t) })).toBe(0);
    expect(out).toMatch(/0 new, 0 updated, 12 unchanged/);
    expect(await client.hgetall(countyKeys(svc.county).courtFigures)).toEqual(before);

    // The report reads the court's months from the ledger (issue 19): copy them in as the worker would.
    await syncLedger(svc);
    const r = await svc.call('GET', '/v1/reports/kpis?from=2023-01-01&to=2024-01-01&compare=baseline', { key: svc.keys.viewer });
    expect(r.status).toBe(200);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON body, read field by field
    const byId: Record<string, any> = Object.fromEntries((r.body.indicators as { id: string }[]).map((i) => [i.id, i]));
    expect(byId.lawsuitsPer10k.value).toBeCloseTo(111.76, 2);
    expect(byId.lawsuitsPer10k.numerator.value).toBeCloseTo(1900, 6);
    expect(byId.preLitigationRate.value).toBeCloseTo(2340 / (2340 + 1900 - 564), 9);
    expect(byId.successRate.published).toEqual(
      expect.arrayContaining([expect.objectContaining({ period: '2023', value: 0.72, status: 'given' })]),
    );
    // A year with a month missing: null with the reason, never 0.
    const gap = await svc.call('GET', '/v1/reports/kpis?from=2022-12-01&to=2023-02-01', { key: svc.keys.viewer });
    expect(gap.body.total.lawsuitsPer10kAnnualised).toBeNull();
    expect(gap.body.indicators[0].unavailable).toEqual({ reason: 'no_court_figures', detail: 'no court figures for 2022-12' });
  });

  it('when an admin sets the population, then the report divides by it; bad settings are refused', async () => {
    const settings = await svc.call('GET', '/v1/settings/indicators', { key: svc.keys.viewer });
    expect(settings.body.population.county).toEqual({ population: 170_000, year: 2023 });
    expect(
      Object.values(settings.body.population.townships as Record<string, { population: number }>).reduce((a, t) => a + t.population, 0),
    ).toBe(170_000);
    const next = { ...settings.body, population: { ...settings.body.population, county: { population: 190_000, year: 2024 } } };
    expect((await svc.call('PUT', '/v1/settings/indicators', { key: svc.keys.dispatcher, body: next })).status).toBe(403);
    const bad = await svc.call('PUT', '/v1/settings/indicators', { key: svc.keys.admin, body: { ...next, qualityWindowDays: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('body.qualityWindowDays');
    expect((await svc.call('PUT', '/v1/settings/indicators', { key: svc.keys.admin, body: next })).status).toBe(200);
    await syncLedger(svc);
    const r = await svc.call('GET', '/v1/reports/kpis?from=2023-01-01&to=2024-01-01', { key: svc.keys.viewer });
    expect(r.body.indicators[0].value).toBeCloseTo((1900 / 190_000) * 10_000, 6);
  });
});
