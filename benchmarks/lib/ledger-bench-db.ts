import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { Client } from 'pg';
import type { LedgerDb } from '../../src/adapters/postgres/ledger-db';

/** The ledger's database for a benchmark run: DATABASE_URL, or a temporary one dropped after. */
export interface BenchDatabase {
  readonly url: string;
  readonly temporary: boolean;
  /** Drops the temporary database (a DATABASE_URL one is left to its owner; the run's counties are deleted from it). */
  drop(): Promise<void>;
}

const ADMIN_URL = 'postgres://root@127.0.0.1:5432/postgres';

async function asAdmin(statement: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** As test/support/pg-database.ts: a database of its own on the server at 127.0.0.1:5432 unless DATABASE_URL is set. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, temporary: false, drop: () => Promise.resolve() };
  const name = `tj_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), temporary: true, drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const LEDGER_TABLES = [
  'cases',
  'case_history',
  'ledger_events',
  'sessions',
  'summonses',
  'mediators',
  'court_figures',
  'decisions',
] as const;

/** Rows per ledger table of the counties whose names start with `prefix`. */
export async function ledgerRowCounts(db: LedgerDb, prefix: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of LEDGER_TABLES) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where county like ${`${prefix}%`}`.execute(db);
    out[table] = r.rows[0]?.n ?? 0;
  }
  return out;
}

/** Deletes the run's rows from a database the run did not create. */
export async function deleteCounties(db: LedgerDb, prefix: string): Promise<void> {
  for (const table of [...LEDGER_TABLES, 'ledger_cursors'])
    await sql`delete from ${sql.table(table)} where county like ${`${prefix}%`}`.execute(db);
}

/**
 * Clones the `cases` rows of county `from` into `counties` counties named
 * `${to}${i}`, each holding `copies` copies of every row with fresh case ids (`…~k`): one
 * INSERT … SELECT per county, so a province of rows is there in seconds without the projector.
 */
export async function cloneCases(db: LedgerDb, from: string, to: string, counties: number, copies: number): Promise<number> {
  const cols = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_name = 'cases' and table_schema = current_schema() order by ordinal_position`.execute(db);
  const names = cols.rows.map((r) => r.column_name);
  const pick = (c: string) => (c === 'county' ? sql`${sql.lit(to)} || c.i` : c === 'case_id' ? sql`case_id || '~' || k` : sql.ref(c));
  let rows = 0;
  for (let i = 0; i < counties; i++) {
    const res = await sql`insert into cases (${sql.join(names.map((c) => sql.ref(c)))})
      select ${sql.join(names.map(pick))} from cases, (select ${i}::text as i) c, generate_series(1, ${copies}) k
      where county = ${from}`.execute(db);
    rows += Number(res.numAffectedRows ?? 0);
  }
  await sql`analyze cases`.execute(db);
  return rows;
}
