/**
 * The rest of the record (issue 19): a county's registered profile, its settings and the
 * installation's accounts reach the ledger through their outboxes, as current state, and a
 * projector that dies between the Redis step and its ledger write (or its trim) loses nothing and
 * copies nothing twice.
 */
import { sql } from 'kysely';
import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { countyKeys, USERS_KEY, USERS_OUTBOX_KEY } from '../../../src/adapters/redis/keys';
import { RedisDispatchSettings } from '../../../src/adapters/redis/redis-proposal-store';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { RedisSummonsSettings } from '../../../src/adapters/redis/summons-store';
import { ALL_AUTO } from '../../../src/domain/config/dispatch-settings';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { ledgerProjectionFor, userProjectionFor } from '../../../src/runtime/ledger-projection';
import { projectOutbox, type LedgerProjectionDeps } from '../../../src/use-cases/ledger/project-outbox';
import { projectUsers, type UserProjectionDeps } from '../../../src/use-cases/ledger/project-users';
import { indicatorsOf, moveCountyRecords, profileOf, seedCountyRecords, userOf } from '../../support/ledger-records';
import type { TestDatabase } from '../../support/pg-database';
import { uniqueCounty, type TestRedis } from '../../support/redis';
import { closeLedgerWorld, openLedgerWorld } from '../../support/ledger-world';

const lifecycle = loadLifecycleConfig();

describe('county profiles, settings and accounts in the ledger (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => void ({ server, redis, database, db } = await openLedgerWorld()), 60_000);
  afterAll(() => closeLedgerWorld({ server, redis, database, db }));

  const countyDeps = (county: string): LedgerProjectionDeps => ledgerProjectionFor({ redis, db, lifecycle }, county);
  const userDeps = (): UserProjectionDeps => userProjectionFor({ redis, db });
  const projectBoth = async (county: string, c = countyDeps(county), u = userDeps()) => {
    await projectOutbox(c);
    await projectUsers(u);
  };

  /** What the ledger holds of the county's records, with when each row was written. */
  const held = async (county: string) => ({
    county: await db.selectFrom('counties').selectAll().where('county', '=', county).executeTakeFirst(),
    settings: await db.selectFrom('county_settings').selectAll().where('county', '=', county).orderBy('kind').execute(),
    users: await db.selectFrom('users').selectAll().where('county', '=', county).orderBy('username').execute(),
  });
  const outboxes = async (county: string) => ({
    county: await redis.xlen(countyKeys(county).ledgerOutbox),
    users: await redis.xlen(USERS_OUTBOX_KEY),
  });

  /** A county seeded and copied; the outboxes drained. */
  async function copiedCounty(): Promise<string> {
    const county = uniqueCounty('rec');
    await seedCountyRecords(redis, county);
    await projectBoth(county);
    expect(await outboxes(county)).toEqual({ county: 0, users: 0 });
    return county;
  }

  /** The ledger holds the moved state of moveCountyRecords. */
  async function expectMoved(county: string): Promise<void> {
    const h = await held(county);
    expect(h.county).toMatchObject({ status: 'disabled', version: 2, population: profileOf(county).county.population + 1000 });
    expect(h.settings.find((s) => s.kind === 'dispatch')?.doc).toEqual({ ...ALL_AUTO, proposalTimeoutMinutes: 30 });
    expect(h.users.map((u) => [u.username, u.disabled])).toEqual([
      [`li.${county}`, false],
      [`wang.${county}`, true],
    ]);
  }

  test('when a county is registered, its settings saved and its users created, then each is a row of the ledger as Redis holds it, and later changes replace them', async () => {
    const county = await copiedCounty();
    const profile = profileOf(county);
    const h = await held(county);
    expect(h.county).toMatchObject({
      status: 'active',
      version: 1,
      name_zh: profile.county.name.zh,
      population: profile.county.population,
      townships: profile.townships.length,
      villages: profile.townships.reduce((n, t) => n + t.villages.length, 0),
      changed_at: new Date('2026-03-02T02:00:00.000Z'),
    });
    expect(h.county?.profile).toEqual(profile);
    expect(h.settings.map((s) => [s.kind, s.doc])).toEqual([
      ['dispatch', await new RedisDispatchSettings(redis, county).get()],
      ['indicators', indicatorsOf(county)],
      ['summons', await new RedisSummonsSettings(redis, county).get()],
    ]);
    // The stored record as it is: the password only as its hash, no other credential.
    expect(h.users.map((u) => u.doc)).toEqual([userOf(county, 'li', 'viewer'), userOf(county, 'wang')]);
    expect(h.users.map((u) => [u.role, u.disabled, u.created_at.toISOString()])).toEqual([
      ['viewer', false, '2026-03-02T02:00:00.000Z'],
      ['dispatcher', false, '2026-03-02T02:00:00.000Z'],
    ]);

    await moveCountyRecords(redis, county);
    expect(await outboxes(county)).toEqual({ county: 3, users: 1 });
    await projectBoth(county);

    await expectMoved(county);
    expect(await outboxes(county)).toEqual({ county: 0, users: 0 });
  });

  test('when the ledger write fails after the Redis changes (the process died before COMMIT), then the ledger has nothing of them, the outboxes keep them, and the next run copies them', async () => {
    const county = await copiedCounty();
    await moveCountyRecords(redis, county);
    const pending = await outboxes(county);
    const before = await held(county);
    const c = countyDeps(county);
    const u = userDeps();
    const died = () => Promise.reject(new Error('the process died before its commit'));

    await expect(projectOutbox({ ...c, ledger: { cursors: () => c.ledger.cursors(), apply: died } })).rejects.toThrow('died');
    await expect(projectUsers({ ...u, ledger: { cursor: () => u.ledger.cursor(), apply: died } })).rejects.toThrow('died');

    expect(await held(county)).toEqual(before);
    expect(await outboxes(county)).toEqual(pending);
    await projectBoth(county);
    await expectMoved(county);
    expect(await outboxes(county)).toEqual({ county: 0, users: 0 });
  });

  test('when the process dies after the commit but before the outbox trim, then the next run trims and rewrites nothing', async () => {
    const county = await copiedCounty();
    await moveCountyRecords(redis, county);
    const pending = await outboxes(county);
    const c = countyDeps(county);
    const u = userDeps();
    const died = () => Promise.reject(new Error('the process died before its trim'));

    await expect(projectOutbox({ ...c, outbox: { ...bind(c.outbox), trimThrough: died } })).rejects.toThrow('trim');
    await expect(projectUsers({ ...u, outbox: { ...bind(u.outbox), trimThrough: died } })).rejects.toThrow('trim');

    await expectMoved(county);
    expect(await outboxes(county)).toEqual(pending);
    const committed = await held(county);
    await projectBoth(county);
    // No row rewritten: updated_at unchanged.
    expect(await held(county)).toEqual(committed);
    expect(await outboxes(county)).toEqual({ county: 0, users: 0 });
  });

  test('when the ledger copied the county before m0003 (no records cursor), then the next pass copies its profile and settings though the outbox names neither', async () => {
    const county = await copiedCounty();
    const copied = await held(county);
    await db.deleteFrom('counties').where('county', '=', county).execute();
    await db.deleteFrom('county_settings').where('county', '=', county).execute();
    await db.deleteFrom('ledger_cursors').where('county', '=', county).where('stream', '=', 'records').execute();
    expect(await outboxes(county)).toEqual({ county: 0, users: 0 });

    expect(await projectOutbox(countyDeps(county))).toEqual({ entries: 0, cases: 0, recopied: false });

    const again = await held(county);
    expect({ ...again.county, updated_at: null }).toEqual({ ...copied.county, updated_at: null });
    expect(again.settings.map((s) => [s.kind, s.doc])).toEqual(copied.settings.map((s) => [s.kind, s.doc]));
  });

  test('when Redis lost the account outbox, then the next pass copies every account whole', async () => {
    const county = await copiedCounty();
    await redis.del(USERS_OUTBOX_KEY);
    // An account written without its note (as a Redis restored from an old snapshot might hold).
    const chen = userOf(county, 'chen');
    await redis.hset(USERS_KEY, chen.username, JSON.stringify(chen));

    await projectUsers(userDeps());

    expect((await held(county)).users.map((u) => u.username)).toEqual([`chen.${county}`, `li.${county}`, `wang.${county}`]);
    const cursor = await sql<{ n: number }>`select read_count as n from ledger_cursors where county = '*' and stream = 'users'`.execute(db);
    expect(cursor.rows[0]?.n).toBe(0);
  });
});

/** The outbox's methods bound to it, so a test can replace one. */
function bind<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const k of ['read', 'counts', 'trimThrough', 'readAudit'])
    if (typeof (o as Record<string, unknown>)[k] === 'function')
      out[k] = ((o as Record<string, (...a: unknown[]) => unknown>)[k] as (...a: unknown[]) => unknown).bind(o);
  return out as T;
}
