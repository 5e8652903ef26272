import { sql } from 'kysely';
import { openLedgerDb, type LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { up as up0001 } from '../../../src/adapters/postgres/migrations/m0001-ledger';
import { up as up0002 } from '../../../src/adapters/postgres/migrations/m0002-report-facts';
import { caseFacts, countingSpan } from '../../../src/use-cases/reports/counting-instants';
import { fixtures } from '../../unit/reports/kpi-fixtures';
import { freshDatabase, type TestDatabase } from '../../support/pg-database';

describe('migration 0002: cases written before it get their counting span and facts from their file', () => {
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => {
    database = await freshDatabase();
    db = openLedgerDb(database.url);
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('when cases were written under 0001, then 0002 fills counts_from/counts_until and case_facts as the projector would', async () => {
    await up0001(db as never);
    const files = fixtures();
    for (const f of files)
      await sql`insert into cases (county, case_id, external_id, channel, category, class, township, village, status, referred_at,
        file_version, case_doc, file, updated_at)
        values ('c', ${f.caseId}, ${f.caseId}, ${f.channel}, ${f.category}, ${f.class}, ${f.township}, ${f.village}, ${f.status},
        ${f.referredAt}, ${f.version}, '{}', ${JSON.stringify(f)}, now())`.execute(db);
    await up0002(db as never);
    for (const f of files) {
      const row = await db
        .selectFrom('cases')
        .select(['counts_from', 'counts_until'])
        .where('case_id', '=', f.caseId)
        .executeTakeFirstOrThrow();
      const span = countingSpan(f);
      expect({ id: f.caseId, from: row.counts_from?.toISOString(), until: row.counts_until?.toISOString() }).toEqual({
        id: f.caseId,
        from: span?.first,
        until: span?.last,
      });
      const facts = await db.selectFrom('case_facts').selectAll().where('case_id', '=', f.caseId).orderBy('at').execute();
      expect(facts.map((r) => [r.at.toISOString(), r.referred, r.settled, r.first_on_time, r.seats])).toEqual(
        caseFacts(f).map((x) => [x.at, x.counts.referred, x.counts.settled, x.counts.firstOnTime, x.counts.seats]),
      );
    }
  });
});
