/**
 * The backup recipe of docs/ledger-backup.md (issue 19 part 4): a county projected into a fresh
 * database, `pg_dump -Fc` of it, `pg_restore` into another fresh database, and every ledger table
 * of the county compared row by row. Skipped, saying so, only where pg_dump is not installed.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { openLedgerDb, type LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { migrateLedger } from '../../../src/adapters/postgres/migrate';
import { createRedis, type TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { ledgerProjectionFor, userProjectionFor } from '../../../src/runtime/ledger-projection';
import { projectUsers } from '../../../src/use-cases/ledger/project-users';
import { moveCountyRecords, seedCountyRecords } from '../../support/ledger-records';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { ledgerAgreement } from '../../support/ledger-agreement';
import { moveCounty, seedCounty } from '../../support/ledger-county';
import { freshDatabase, type TestDatabase } from '../../support/pg-database';
import { startTestRedis, uniqueCounty, type TestRedis } from '../../support/redis';

const run = promisify(execFile);
/** The PostgreSQL client programs: PG_DUMP / PG_RESTORE name others (a newer client for a newer server). */
const PG_DUMP = process.env.PG_DUMP ?? 'pg_dump';
const PG_RESTORE = process.env.PG_RESTORE ?? 'pg_restore';
/** The ledger's tables of m0001 and m0003; a table added later is found by its county column and compared too. */
const LEDGER_TABLES = [
  'case_history',
  'cases',
  'counties',
  'county_settings',
  'court_figures',
  'decisions',
  'ledger_cursors',
  'ledger_events',
  'mediators',
  'sessions',
  'summonses',
  'users',
];

/** pg_dump's major version, or undefined when it is not installed. */
function pgDumpMajor(): number | undefined {
  const out = spawnSync(PG_DUMP, ['--version'], { encoding: 'utf8' });
  if (out.error) return undefined;
  return Number(/(\d+)(?:\.\d+)?/.exec(out.stdout)?.[1]);
}

const dumpMajor = pgDumpMajor();
if (dumpMajor === undefined)
  console.warn('backup-restore: pg_dump is not on the PATH — the restore test is skipped (install postgresql-client)');
const describeWithPgDump = dumpMajor === undefined ? describe.skip : describe;

describeWithPgDump('a ledger backed up with pg_dump -Fc and restored with pg_restore into a new database', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let source: TestDatabase;
  let target: TestDatabase;
  let from: LedgerDb;
  let to: LedgerDb;
  let dir: string;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
    source = await freshDatabase();
    target = await freshDatabase();
    from = openLedgerDb(source.url);
    to = openLedgerDb(target.url);
    await migrateLedger(from);
    dir = mkdtempSync(join(tmpdir(), 'tiaojie-backup-'));
  }, 60_000);

  afterAll(async () => {
    await from?.destroy();
    await to?.destroy();
    await source?.drop();
    await target?.drop();
    redis?.disconnect();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every row of the county in `table`, as JSON, in one order both databases give alike. */
  const rowsOf = async (db: LedgerDb, table: string, county: string): Promise<unknown[]> =>
    (
      await sql<{
        row: unknown;
      }>`select to_jsonb(t) as row from ${sql.table(table)} as t where t.county = ${county} order by to_jsonb(t)::text`.execute(db)
    ).rows.map((r) => r.row);

  const countyTables = async (db: LedgerDb): Promise<string[]> =>
    (
      await sql<{ table_name: string }>`select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'county' order by table_name`.execute(db)
    ).rows.map((r) => r.table_name);

  test('when a projected county is dumped and restored, then every ledger table of the county holds the same rows, and the restored schema needs no migration', async () => {
    const version = await sql<{ v: number }>`select current_setting('server_version_num')::int as v`.execute(from);
    const serverMajor = Math.floor((version.rows[0]?.v ?? 0) / 10_000);
    expect(serverMajor).toBeGreaterThanOrEqual(10);
    // pg_dump dumps servers of its own major version and older only.
    if ((dumpMajor ?? 0) < serverMajor)
      throw new Error(`pg_dump ${dumpMajor} cannot dump a PostgreSQL ${serverMajor} server: install a client ≥ the server`);

    const county = uniqueCounty('bak');
    const other = uniqueCounty('bak');
    for (const name of [county, other]) {
      await seedCounty(redis, name);
      await moveCounty(redis, name);
      await seedCountyRecords(redis, name);
      await moveCountyRecords(redis, name);
      await projectOutbox(ledgerProjectionFor({ redis, db: from, lifecycle: loadLifecycleConfig() }, name));
    }
    await projectUsers(userProjectionFor({ redis, db: from }));

    const file = join(dir, 'ledger.dump');
    const started = Date.now();
    await run(PG_DUMP, ['--format=custom', '--file', file, source.url]);
    const dumpedMs = Date.now() - started;
    await run(PG_RESTORE, ['--no-owner', '--exit-on-error', '--dbname', target.url, file]);
    const restoredMs = Date.now() - started - dumpedMs;

    const tables = await countyTables(from);
    expect(tables).toEqual(expect.arrayContaining(LEDGER_TABLES));
    expect(await countyTables(to)).toEqual(tables);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const before = await rowsOf(from, table, county);
      counts[table] = before.length;
      expect({ table, rows: await rowsOf(to, table, county) }).toEqual({ table, rows: before });
    }
    // Every table of the county has rows: the comparison compared something everywhere.
    expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
    expect(await migrateLedger(to)).toEqual([]);
    console.log(
      `[ledger] backup-restore: ${JSON.stringify({ pgDump: dumpMajor, server: serverMajor, dumpBytes: statSync(file).size, dumpedMs, restoredMs, rows: counts })}`,
    );
  });

  test('when an older dump is restored beside a Redis that moved on, then the projector copies the county whole again and every case agrees; the events between the dump and now are missing', async () => {
    const county = uniqueCounty('bak');
    await seedCounty(redis, county);
    await projectOutbox(ledgerProjectionFor({ redis, db: from, lifecycle: loadLifecycleConfig() }, county));
    const file = join(dir, 'older.dump');
    await run(PG_DUMP, ['--format=custom', '--file', file, source.url]);
    const dumped = await ledgerAgreement(redis, from, county);
    // After the dump: Redis moves on, the (soon lost) database copies it and the outbox is trimmed.
    await moveCounty(redis, county);
    await projectOutbox(ledgerProjectionFor({ redis, db: from, lifecycle: loadLifecycleConfig() }, county));
    const restored = await freshDatabase();
    const db = openLedgerDb(restored.url);
    try {
      await run(PG_RESTORE, ['--no-owner', '--exit-on-error', '--dbname', restored.url, file]);
      expect((await ledgerAgreement(redis, db, county)).disagreed).not.toEqual([]);

      const summary = await projectOutbox(ledgerProjectionFor({ redis, db, lifecycle: loadLifecycleConfig() }, county));

      expect(summary.recopied).toBe(true);
      const a = await ledgerAgreement(redis, db, county);
      expect(a).toMatchObject({ cases: 3, agreed: 3, disagreed: [], ledgerOnly: [] });
      expect(a.events).toEqual({ redis: a.events.redis, ledger: dumped.events.ledger });
      expect(a.events.ledger).toBeLessThan(a.events.redis);
      expect(await rowsOf(db, 'decisions', county)).toEqual(await rowsOf(from, 'decisions', county));
    } finally {
      await db.destroy();
      await restored.drop();
    }
  });
});
