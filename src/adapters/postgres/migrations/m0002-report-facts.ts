import { sql, type Kysely } from 'kysely';
import { caseFacts, countingSpan } from '../../../use-cases/reports/counting-instants';
import type { CaseFile } from '../../../domain/lifecycle-file';
import { FACT_COLUMNS, factColumns } from '../fact-columns';

const BACKFILL_BATCH = 500;

/**
 * Report reads (issue 19 part 3): each case's counting span — the first and last instant the
 * report's rules can count it at — so a county's report of a period selects by index only the
 * cases that can count in it; and `case_facts`, the case's plain counts per instant, so a province
 * summary is a SUM in SQL. Both come from the report's own rules (counting-instants.ts); rows
 * written before this migration are filled from their `file`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('counts_from', 'timestamptz').addColumn('counts_until', 'timestamptz').execute();
  await db.schema.createIndex('cases_counting').on('cases').columns(['county', 'counts_until', 'counts_from']).execute();
  let table = db.schema
    .createTable('case_facts')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull());
  // fact-columns.ts names them: changing that list needs a migration that alters this table.
  for (const col of Object.values(FACT_COLUMNS)) table = table.addColumn(col, 'integer', (c) => c.notNull().defaultTo(0));
  await table.addPrimaryKeyConstraint('case_facts_pk', ['county', 'case_id', 'at']).execute();
  await db.schema.createIndex('case_facts_at').on('case_facts').columns(['at', 'county']).execute();
  await backfill(db);
}

async function backfill(db: Kysely<unknown>): Promise<void> {
  for (let after: { county: string; case_id: string } | null = { county: '', case_id: '' }; after !== null;) {
    const { rows } = await sql<{ county: string; case_id: string; file: CaseFile }>`
      select county, case_id, file from cases where (county, case_id) > (${after.county}, ${after.case_id})
      order by county, case_id limit ${BACKFILL_BATCH}`.execute(db);
    for (const r of rows) {
      const span = countingSpan(r.file);
      await sql`update cases set counts_from = ${span?.first ?? null}, counts_until = ${span?.last ?? null}
        where county = ${r.county} and case_id = ${r.case_id}`.execute(db);
      for (const f of caseFacts(r.file)) {
        const cols = Object.entries(factColumns(f.counts));
        await sql`insert into case_facts (county, case_id, at, ${sql.join(cols.map(([c]) => sql.ref(c)))})
          values (${r.county}, ${r.case_id}, ${f.at}, ${sql.join(cols.map(([, n]) => n))})`.execute(db);
      }
    }
    const last = rows[rows.length - 1];
    after = rows.length < BACKFILL_BATCH || !last ? null : { county: last.county, case_id: last.case_id };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_facts').ifExists().execute();
  await db.schema.dropIndex('cases_counting').ifExists().execute();
  await db.schema.alterTable('cases').dropColumn('counts_from').dropColumn('counts_until').execute();
}
