import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { numberFlag, parseArgs } from '../src/cli/args';
import { openLedgerDb, type LedgerDb } from '../src/adapters/postgres/ledger-db';
import { ledgerReportsFor } from '../src/adapters/postgres/ledger-reports';
import { migrateLedger } from '../src/adapters/postgres/migrate';
import { PostgresLedgerWriter } from '../src/adapters/postgres/ledger-writer';
import { loadSubsidyConfig } from '../src/domain/config/subsidy-config';
import type { Case } from '../src/domain/case';
import type { CaseFile } from '../src/domain/lifecycle-file';
import { DAY_MS } from '../src/domain/time';
import { simulateLifecycle } from '../src/simulator/lifecycle-simulation';
import { caseRow } from '../src/use-cases/ledger/ledger-rows';
import type { LedgerCaseRow } from '../src/use-cases/ledger/ledger-port';
import { computeKpis, type KpiCase } from '../src/use-cases/reports/kpis';
import { monthPeriod } from '../src/use-cases/reports/period';
import { provinceSummary } from '../src/use-cases/reports/report-source';
import { localMonth } from '../src/domain/lifecycle/subsidy';

/**
 * `node dist/benchmarks/ledger-reports-bench.js [--counties N] [--days N] [--seed N]`: the KPI
 * report of one county-month and of the province-year from the ledger, with the in-memory baseline
 * of the same run. One simulated county (--days, 60) is cloned with shifted instants and fresh ids
 * into a year per county, for --counties (100) counties. DATABASE_URL names the database; unset, a
 * temporary one is created on 127.0.0.1:5432 and dropped after.
 */

const ISO = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)"/g;
const shiftIso = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const shiftJson = (json: string, ms: number): string => json.replace(ISO, (_, iso: string) => `"${shiftIso(iso, ms)}"`);

/** A template row moved `ms` later under a fresh id (the facts shift with it). */
function cloneRow(row: LedgerCaseRow, id: string, ms: number): LedgerCaseRow {
  const at = (iso: string | null) => (iso === null ? null : shiftIso(iso, ms));
  return {
    ...row,
    caseId: id,
    referredAt: shiftIso(row.referredAt, ms),
    deadlineAt: at(row.deadlineAt),
    closedAt: at(row.closedAt),
    settledAt: at(row.settledAt),
    returnedAt: at(row.returnedAt),
    countsFrom: at(row.countsFrom),
    countsUntil: at(row.countsUntil),
    file: shiftJson(row.file, ms),
    facts: row.facts.map((f) => ({ ...f, at: shiftIso(f.at, ms) })),
  };
}

async function temporaryDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = 'postgres://root@127.0.0.1:5432/postgres';
  const name = `tj_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The value and the fastest of `runs` timings (the first run pays for cold caches and compilation). */
async function timed<T>(run: () => Promise<T> | T, runs = 1): Promise<{ value: T; ms: number; firstMs: number }> {
  let value: T | undefined;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    value = await run();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { value: value as T, ms: Math.min(...ms), firstMs: ms[0] ?? 0 };
}

async function load(db: LedgerDb, templates: readonly LedgerCaseRow[], counties: number, clones: number, days: number): Promise<number> {
  let rows = 0;
  for (let c = 0; c < counties; c++) {
    const writer = new PostgresLedgerWriter(db, `county-${String(c).padStart(3, '0')}`);
    for (let k = 0; k < clones; k++) {
      const cases = templates.map((t) => cloneRow(t, `${k}-${t.caseId}`, k * days * DAY_MS));
      const base = {
        sessionCases: [],
        sessions: [],
        history: [],
        events: [],
        summonses: [],
        roster: null,
        courtMonths: [],
        audit: null,
        records: null,
      };
      await writer.apply({ ...base, fromId: k === 0 ? '0-0' : `${k}-0`, toId: `${k + 1}-0`, readCount: 0, cases });
      rows += cases.length;
    }
    process.stderr.write(`\r  loaded ${c + 1}/${counties} counties (${rows} cases)`);
  }
  process.stderr.write('\n');
  return rows;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['counties', 'days', 'seed']);
  const counties = Math.floor(numberFlag(args, 'counties', 100));
  const days = Math.floor(numberFlag(args, 'days', 60));
  const seed = Math.floor(numberFlag(args, 'seed', 7));
  const clones = Math.ceil(365 / days);
  const database = process.env.DATABASE_URL ? { url: process.env.DATABASE_URL, drop: () => Promise.resolve() } : await temporaryDatabase();
  const db = openLedgerDb(database.url);
  try {
    await migrateLedger(db);
    const sim = await timed(() => simulateLifecycle({ seed, days }));
    const record = (f: CaseFile) => ({ externalId: f.caseId, status: f.status, deadlineAt: null, assignment: null }) as unknown as Case;
    const templates = sim.value.files.map((f) => caseRow(record(f), f, null));
    console.log(
      `simulated ${days} days: ${templates.length} cases in ${(sim.ms / 1000).toFixed(1)} s; ${clones} clones → a year per county`,
    );
    const loaded = await timed(() => load(db, templates, counties, clones, days));
    console.log(`loaded ${loaded.value} cases in ${counties} counties in ${(loaded.ms / 1000).toFixed(1)} s`);
    // Fresh statistics after the bulk load, as autovacuum would gather them.
    await sql`ANALYZE`.execute(db);
    const facts = await db
      .selectFrom('case_facts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const subsidy = loadSubsidyConfig();
    const start = sim.value.start.getTime();
    const year = { from: new Date(start), to: new Date(start + clones * days * DAY_MS) };
    const month = monthPeriod(localMonth(new Date(start + 200 * DAY_MS).toISOString()));
    const reports = ledgerReportsFor(db);
    const county0 = reports.county('county-000');
    const report = (files: readonly KpiCase[], p: { from: Date; to: Date }) =>
      computeKpis({ files, ...p, subsidy, mediator: () => undefined });

    const monthSql = await timed(async () => report(await county0.casesCounting(month.from, month.to), month), 3);
    const monthRows = (await county0.casesCounting(month.from, month.to)).length;
    const countyYearFiles = await timed(() => county0.casesCounting(year.from, year.to), 2);
    const monthMemory = await timed(() => report(countyYearFiles.value, month), 3);
    console.log(
      `county-month from SQL: ${monthSql.ms.toFixed(0)} ms (first ${monthSql.firstMs.toFixed(0)} ms), ${monthRows} rows (in memory over the county's ${countyYearFiles.value.length} files: ${monthMemory.ms.toFixed(0)} ms)`,
    );
    if (JSON.stringify(monthSql.value) !== JSON.stringify(monthMemory.value)) console.log('  DIFFERS from the in-memory report');

    const yearMemory = await timed(() => report(countyYearFiles.value, year), 2);
    console.log(
      `county-year from SQL files: read ${countyYearFiles.ms.toFixed(0)} ms + compute ${yearMemory.ms.toFixed(0)} ms, ${countyYearFiles.value.length} rows` +
        ` → province-year by reading every file ≈ ${(((countyYearFiles.ms + yearMemory.ms) * counties) / 1000).toFixed(1)} s`,
    );
    const summary = await timed(() => provinceSummary(reports.province, year.from, year.to), 3);
    console.log(
      `province-year summary from SQL (SUM over case_facts): ${summary.ms.toFixed(0)} ms (first ${summary.firstMs.toFixed(0)} ms) over ${facts.n} fact rows, ${summary.value.counties.length} counties`,
    );
    const row0 = summary.value.counties.find((c) => c.county === 'county-000');
    const differs =
      row0 &&
      Object.entries(row0).filter(
        ([k, v]) => k in yearMemory.value.total && (yearMemory.value.total as unknown as Record<string, unknown>)[k] !== v,
      );
    console.log(
      `  county-000 summary vs the pure function's total: ${differs && differs.length > 0 ? `DIFFERS in ${differs.map(([k]) => k).join(', ')}` : 'equal'}`,
    );
    console.log(
      `  province-year referred ${summary.value.total.referred}, settled ${summary.value.total.settled}, success rate ${summary.value.total.successRate?.toFixed(3)}`,
    );
  } finally {
    await db.destroy();
    await database.drop();
  }
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
