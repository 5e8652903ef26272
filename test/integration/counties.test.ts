import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCountyCommand } from '../../src/cli/county-command';
import { InputError } from '../../src/cli/exit-codes';
import { writeProvince } from '../../src/cli/generate-province';
import { countyKeys } from '../../src/adapters/redis/keys';
import { bullConnection, createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { RedisCountyRegistry } from '../../src/adapters/redis/county-registry';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { runCountyDispatch } from '../../src/adapters/queue/county-dispatch';
import { Queue } from 'bullmq';
import { enqueueRebalance, REBALANCE_QUEUE, type RebalanceJob } from '../../src/adapters/queue/rebalance-queue';
import { loadDispatchConfig } from '../../src/domain/config/load';
import type { CountyProfile } from '../../src/domain/config/county-profile';
import { generateProvince } from '../../src/simulator/province';
import { CountyConfigs } from '../../src/use-cases/counties/county-configs';
import { admitReferrals } from '../../src/use-cases/intake/admit-referrals';
import type { Mediator } from '../../src/domain';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';
import { startTestService, waitFor, type TestService } from '../support/service';
import { referrals } from '../support/county-fixture';

const [province] = generateProvince({ counties: 1, seed: 11 });
if (!province) throw new Error('no county generated');

/** The generated county under another id. */
const profileAs = (id: string): CountyProfile => ({ ...province.profile, county: { ...province.profile.county, id } });

/** A roster CSV row of a mediator (the columns of docs/counties.md). */
function csvRow(m: Mediator, capacity: string = String(m.capacity)): string {
  const expertise = Object.entries(m.expertise)
    .map(([c, v]) => `${c}:${v}`)
    .join(';');
  const availability = m.availability.map((s) => `${s.weekday}${s.half}`).join(';');
  const leave = m.leave.map((p) => `${p.from}..${p.until}`).join(';');
  const cells = [m.id, m.name, m.tier, m.organization, m.township, m.village ?? '', m.location.lat, m.location.lng, capacity, m.status];
  return [...cells, expertise, availability, leave, m.recusals.join(';')].join(',');
}
const CSV_HEADER = 'id,name,tier,organization,township,village,lat,lng,capacity,status,expertise,availability,leave,recusals';

/** Issue 21 part 2: counties provisioned by CLI and admin API, and each county dispatched on its own geography. */
describe('counties as tenants', () => {
  let redis: TestRedis;
  let svc: TestService;
  let client: TiaojieRedis;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    client = createRedis(redis.url);
    dir = mkdtempSync(join(tmpdir(), 'tj-counties-'));
    env = { REDIS_URL: redis.url, REDIS_EMBEDDED: 'false', DATA_DIR: dir };
  });

  afterAll(async () => {
    client?.disconnect();
    await svc?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = async (argv: string[]) => {
    let out = '';
    const code = await runCountyCommand(argv, { env, out: (t) => void (out += t) });
    return { code, out };
  };

  it('when the CLI adds a profile twice, changes it, lists and disables it, then added, unchanged, updated, listed, disabled', async () => {
    const county = uniqueCounty('cli');
    const file = join(dir, 'profile.json');
    writeFileSync(file, JSON.stringify(province.profile));
    expect(await cli(['add', file, '--county', county])).toEqual({ code: 0, out: `county ${county} added from ${file}\n` });
    const stored = await client.hgetall(countyKeys(county).profile);
    expect((await cli(['add', file, '--county', county])).out).toBe(`county ${county} unchanged from ${file}\n`);
    expect(await client.hgetall(countyKeys(county).profile)).toEqual(stored);
    const changed = profileAs(county);
    writeFileSync(file, JSON.stringify({ ...changed, county: { ...changed.county, population: changed.county.population + 1 } }));
    expect((await cli(['add', file])).out).toBe(`county ${county} updated from ${file}: county.population\n`);
    expect((await cli(['list'])).out).toMatch(new RegExp(`^${county}\\tactive\\tv2\\t${province.profile.townships.length} townships`, 'm'));
    expect((await cli(['disable', county])).out).toBe(`county ${county} disabled\n`);
    expect((await cli(['disable', county])).out).toBe(`county ${county} disabled (already)\n`);
    expect((await cli(['list'])).out).toMatch(new RegExp(`^${county}\\tdisabled\\t`, 'm'));
    expect((await cli(['enable', county])).out).toBe(`county ${county} active\n`);
    await expect(cli(['disable', uniqueCounty('nowhere')])).rejects.toThrow(/is not registered/);
    // `-` reads the profile from stdin.
    const piped = uniqueCounty('stdin');
    const stdin = Readable.from([JSON.stringify(profileAs(piped))]);
    let out = '';
    expect(await runCountyCommand(['add', '-'], { env, stdin, out: (t) => void (out += t) })).toBe(0);
    expect(out).toBe(`county ${piped} added from stdin\n`);
  });

  it('when the CLI is given a bad profile, then it fails naming the field and the reason, and nothing is written', async () => {
    const county = uniqueCounty('bad');
    const bad = structuredClone(profileAs(county));
    bad.townships[1]!.neighbours.push('nowhere');
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const run = cli(['add', file]);
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(new RegExp(`townships\\[1\\]\\.neighbours\\[\\d+\\]: unknown township nowhere`));
    expect(await client.exists(countyKeys(county).profile)).toBe(0);
    expect(await client.sismember('tj:counties', county)).toBe(0);
  });

  it('when the admin routes are called, then an installation admin provisions, a county admin gets 403, bad input 400', async () => {
    const county = uniqueCounty('api');
    const post = (body: unknown, key = svc.keys.installation) => svc.call('POST', '/v1/admin/counties', { key, body });
    expect((await post(profileAs(county))).body).toEqual({ county, outcome: 'created', fields: [] });
    expect((await post(profileAs(county))).body).toEqual({ county, outcome: 'unchanged', fields: [] });
    expect((await post(profileAs(county), svc.keys.admin)).status).toBe(403);
    expect((await svc.call('GET', '/v1/admin/counties', { key: svc.keys.admin })).status).toBe(403);
    const bad = structuredClone(profileAs(county));
    bad.townships[0]!.villages[0]!.population = -1;
    const refused = await post(bad);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toMatchObject({ field: 'body.townships[0].villages[0].population', reason: expect.any(String) });
    const list = await svc.call('GET', '/v1/admin/counties', { key: svc.keys.installation });
    expect(list.body.counties).toEqual(expect.arrayContaining([expect.objectContaining({ id: county, status: 'active', version: 1 })]));
    expect((await svc.call('POST', `/v1/admin/counties/${county}/disable`, { key: svc.keys.installation })).body).toEqual({
      county,
      status: 'disabled',
      changed: true,
    });
    expect((await svc.call('POST', `/v1/admin/counties/${uniqueCounty('x')}/enable`, { key: svc.keys.installation })).status).toBe(404);
  });

  it('when a roster is PUT twice as JSON, then all created, then nothing changes; a bad CSV row is 400 by line and column', async () => {
    const county = uniqueCounty('roster');
    await svc.call('POST', '/v1/admin/counties', { key: svc.keys.installation, body: profileAs(county) });
    const put = (body: unknown) => svc.call('PUT', `/v1/admin/counties/${county}/roster`, { key: svc.keys.installation, body });
    const first = await put(province.mediators);
    expect(first.status).toBe(200);
    expect([first.body.created.length, first.body.updated.length, first.body.unchanged.length]).toEqual([province.mediators.length, 0, 0]);
    const stored = await client.hgetall(countyKeys(county).mediators);
    const again = await put({ mediators: province.mediators });
    expect([again.body.created.length, again.body.updated.length, again.body.unchanged.length]).toEqual([0, 0, province.mediators.length]);
    expect(await client.hgetall(countyKeys(county).mediators)).toEqual(stored);
    // A Shandan village is not in this county: refused, naming the item.
    const [m0] = province.mediators.filter((m) => m.tier === 'village');
    const misplaced = await put([{ ...m0, village: 't01-v01' }]);
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.details.field).toBe('body[0].village');

    const [a, b] = province.mediators;
    const csv = [CSV_HEADER, csvRow({ ...a!, capacity: a!.capacity === 1 ? 2 : 1 }), csvRow(b!, 'many')].join('\n');
    const res = await fetch(`${svc.url}/v1/admin/counties/${county}/roster`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${svc.keys.installation}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { field: string } } };
    expect(body.error.details.field).toBe('body: line 3: capacity');
    expect(await client.hgetall(countyKeys(county).mediators)).toEqual(stored);
    const fixed = [CSV_HEADER, csvRow({ ...a!, capacity: a!.capacity === 1 ? 2 : 1 }), csvRow(b!)].join('\n');
    const ok = await fetch(`${svc.url}/v1/admin/counties/${county}/roster`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${svc.keys.installation}`, 'content-type': 'text/csv' },
      body: fixed,
    });
    expect(await ok.json()).toEqual({ created: [], updated: [{ id: a!.id, fields: ['capacity'] }], unchanged: [b!.id] });
  });

  it('when the CLI imports the roster file twice, then the second run changes nothing', async () => {
    const county = uniqueCounty('rcli');
    const pfile = join(dir, `${county}.profile.json`);
    const rfile = join(dir, `${county}.roster.json`);
    writeFileSync(pfile, JSON.stringify(profileAs(county)));
    writeFileSync(rfile, JSON.stringify(province.mediators));
    await cli(['add', pfile]);
    expect((await cli(['roster', county, rfile])).out).toMatch(new RegExp(`: ${province.mediators.length} new, 0 updated, 0 unchanged`));
    expect((await cli(['roster', county, rfile])).out).toMatch(new RegExp(`: 0 new, 0 updated, ${province.mediators.length} unchanged`));
  });

  it('when the CLI adds a directory from generate --province, then every county and roster; again, nothing; a bad file, nothing written', async () => {
    const pdir = join(dir, 'province');
    await writeProvince(2, 3, pdir);
    // Generated ids are p001, p002: rename them to this run's own, profile and roster alike.
    const ids = [uniqueCounty('pa'), uniqueCounty('pb')];
    for (const [i, id] of ids.entries()) {
      const from = `p00${i + 1}`;
      const profile = JSON.parse(readFileSync(join(pdir, `${from}.profile.json`), 'utf8')) as CountyProfile;
      writeFileSync(join(pdir, `${id}.profile.json`), JSON.stringify({ ...profile, county: { ...profile.county, id } }));
      renameSync(join(pdir, `${from}.roster.json`), join(pdir, `${id}.roster.json`));
      rmSync(join(pdir, `${from}.profile.json`));
    }
    const first = await cli(['add', pdir]);
    expect(first.out).toMatch(new RegExp(`county ${ids[0]} added; roster \\d+ new, 0 updated, 0 unchanged\n`));
    expect(first.out).toMatch(new RegExp(`county ${ids[1]} added; roster \\d+ new, 0 updated, 0 unchanged\n`));
    expect((await cli(['add', pdir])).out).toMatch(new RegExp(`county ${ids[1]} unchanged; roster 0 new, 0 updated, \\d+ unchanged\n`));
    const roster = JSON.parse(readFileSync(join(pdir, `${ids[1]}.roster.json`), 'utf8')) as Mediator[];
    writeFileSync(join(pdir, `${ids[1]}.roster.json`), JSON.stringify([{ ...roster[0], capacity: -1 }, ...roster.slice(1)]));
    const versions = await client.hget(countyKeys(ids[0]!).profile, 'version');
    await expect(cli(['add', pdir])).rejects.toThrow(new RegExp(`${ids[1]}\\.roster\\.json: \\[0\\]\\.capacity: `));
    expect(await client.hget(countyKeys(ids[0]!).profile, 'version')).toBe(versions);
  });

  it('when a registered second county gets a referral, then it is placed in its own village and assigned to its own mediators; disabled, it is refused', async () => {
    const county = `${svc.county}-other`;
    await svc.call('POST', '/v1/admin/counties', { key: svc.keys.installation, body: profileAs(county) });
    await svc.call('PUT', `/v1/admin/counties/${county}/roster`, { key: svc.keys.installation, body: province.mediators });
    const township = province.profile.townships[1]!;
    const village = township.villages[0]!;
    const [base] = referrals(1, `own-${county}`);
    const referral = {
      ...base!,
      channel: 'walk_in',
      category: 'neighbour',
      township: township.id,
      village: village.id,
      parties: [{ ref: 'p-1' }, { ref: 'p-2' }],
    };
    delete (referral as { location?: unknown }).location;
    const key = svc.keys.otherCounty;
    const posted = await svc.call('POST', '/v1/referrals', { key, body: referral });
    expect(posted.status).toBe(202);
    const caseId = posted.body.cases[0].caseId as string;
    const assigned = await waitFor(async () => {
      const r = await svc.call('GET', `/v1/cases/${caseId}`, { key });
      return r.body.status === 'assigned' ? r.body : undefined;
    }, 30_000);
    expect(assigned.location).toEqual(village.location);
    const rosterIds = new Set(province.mediators.map((m) => m.id));
    for (const id of assigned.assignment.mediatorIds as string[]) expect(rosterIds.has(id)).toBe(true);
    const indicators = await svc.call('GET', '/v1/settings/indicators', { key });
    expect(indicators.body.population.county.population).toBe(province.profile.county.population);
    const geography = await svc.call('GET', '/v1/geography', { key });
    expect(JSON.stringify(geography.body)).toContain(village.id);
    expect(JSON.stringify(geography.body)).not.toContain('"t01-v01"');
    const mediator = await svc.call('GET', `/v1/mediators/${(assigned.assignment.mediatorIds as string[])[0]}`, { key });
    expect(mediator.status).toBe(200);
    // A Shandan village is not this county's.
    const shandan = await svc.call('POST', '/v1/referrals', {
      key,
      body: { ...referral, externalId: 'sh-1', township: 't01', village: 't01-v01' },
    });
    expect(shandan.status).toBe(400);
    expect(shandan.body.error.details.field).toBe('body.township');

    await svc.call('POST', `/v1/admin/counties/${county}/disable`, { key: svc.keys.installation });
    const refused = await svc.call('POST', '/v1/referrals', { key, body: { ...referral, externalId: `${referral.externalId}-2` } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('county_disabled');
    await svc.call('POST', `/v1/admin/counties/${county}/enable`, { key: svc.keys.installation });
    expect((await svc.call('POST', '/v1/referrals', { key, body: { ...referral, externalId: `${referral.externalId}-3` } })).status).toBe(
      202,
    );
  });

  it('when a county is disabled, then POST /v1/rebalance answers 403 county_disabled and a run already queued (or nightly) is skipped', async () => {
    const county = `${svc.county}-other`;
    const key = svc.keys.otherCounty;
    const registry = new RedisCountyRegistry(client);
    await registry.putProfile(county, profileAs(county), new Date());
    await registry.setStatus(county, 'disabled', new Date());
    try {
      for (const dryRun of [true, false]) {
        const refused = await svc.call('POST', '/v1/rebalance', { key, body: { dryRun } });
        expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 403, code: 'county_disabled' });
      }
      // Queued as the nightly scheduler (or an earlier request) would: the worker skips it.
      const queue = new Queue<RebalanceJob>(REBALANCE_QUEUE, {
        connection: bullConnection(redis.url),
        prefix: svc.service.config.QUEUE_PREFIX,
      });
      const jobId = await enqueueRebalance(queue, { county, dryRun: false, requestedBy: 'test' }).finally(() => queue.close());
      const job = await waitFor(async () => {
        const r = await svc.call('GET', `/v1/rebalance/jobs/${jobId}`, { key });
        return r.body.state === 'completed' ? r.body : undefined;
      }, 30_000);
      expect(job.result).toEqual({ status: 'disabled', runId: jobId, county });
    } finally {
      await registry.setStatus(county, 'active', new Date());
    }
    expect((await svc.call('POST', '/v1/rebalance', { key, body: { dryRun: true } })).status).toBe(200);
  });

  it('when a county is disabled, then its waiting cases are not dispatched until it is enabled', async () => {
    const county = uniqueCounty('held');
    const registry = new RedisCountyRegistry(client);
    const configs = new CountyConfigs(registry, loadDispatchConfig());
    await registry.putProfile(county, profileAs(county), new Date());
    await svc.call('PUT', `/v1/admin/counties/${county}/roster`, { key: svc.keys.installation, body: province.mediators });
    const township = province.profile.townships[0]!;
    const [base] = referrals(1, `held-${county}`);
    const referral = {
      ...base!,
      channel: 'walk_in' as const,
      category: 'family' as const,
      township: township.id,
      village: township.villages[0]!.id,
    };
    delete (referral as { location?: unknown }).location;
    const { config } = await configs.of(county);
    const admitted = admitReferrals(
      [referral],
      { county, window: { now: new Date(), maxAgeDays: 36_500, backfill: false }, config },
      (_, f) => f,
    );
    if (!admitted.ok) throw new Error(JSON.stringify(admitted.issues));
    const cases = new CaseRepo(client, county, 1000);
    await cases.intake(admitted.cases);
    const caseId = admitted.cases[0]!.id;
    await registry.setStatus(county, 'disabled', new Date());
    const held = await runCountyDispatch(client, { county, caseIds: [caseId], all: false }, configs, 1000);
    expect(held).toMatchObject({ deferred: true, deferredBy: 'disabled', assigned: 0 });
    expect((await cases.getMany([caseId]))[0]?.status).toBe('referred');
    await registry.setStatus(county, 'active', new Date());
    const done = await runCountyDispatch(client, { county, caseIds: [caseId], all: false }, configs, 1000);
    expect(done).toMatchObject({ deferred: false, assigned: 1 });
  });
});
