import { sql } from 'kysely';
import { appendAudit } from '../../../src/adapters/redis/audit-log';
import { CaseRepo } from '../../../src/adapters/redis/case-repo';
import { RedisCourtFigures } from '../../../src/adapters/redis/court-figures-repo';
import { countyKeys } from '../../../src/adapters/redis/keys';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import { MediatorRepo } from '../../../src/adapters/redis/mediator-repo';
import type { TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { RedisSummonsStore } from '../../../src/adapters/redis/summons-store';
import type { LedgerDb } from '../../../src/adapters/postgres/ledger-db';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { issuedSummons } from '../../../src/domain/summons/summons';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import { projectOutbox } from '../../../src/use-cases/ledger/project-outbox';
import { ledgerProjectionFor } from '../../../src/runtime/ledger-projection';
import { mediator, waitingCase } from '../../unit/domain/fixtures';
import type { TestDatabase } from '../../support/pg-database';
import { uniqueCounty, type TestRedis } from '../../support/redis';
import { closeLedgerWorld, openLedgerWorld } from '../../support/ledger-world';

const lifecycle = loadLifecycleConfig();
const REFERRED = '2026-03-02T02:00:00.000Z';

describe('the ledger projection: Redis outbox → PostgreSQL (private redis-server, a database of its own)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;
  let database: TestDatabase;
  let db: LedgerDb;

  beforeAll(async () => void ({ server, redis, database, db } = await openLedgerWorld()), 60_000);
  afterAll(() => closeLedgerWorld({ server, redis, database, db }));

  /** A county with two cases (one withdrawn), a summons, a roster, a court month and a decision. */
  async function county() {
    const name = uniqueCounty('ldg');
    await new MediatorRepo(redis, name).upsert([mediator({ id: 'm1' }), mediator({ id: 'm2' })]);
    await new CaseRepo(redis, name, 1000).intake([
      waitingCase({ id: 'c1', county: name, referredAt: REFERRED }),
      waitingCase({ id: 'c2', county: name, referredAt: REFERRED }),
    ]);
    const files = caseFiles(new RedisLifecycleStore(redis, name, 1000), lifecycle);
    const at = new Date('2026-03-04T02:00:00.000Z');
    expect(
      (
        await applyCommand(
          files,
          'c2',
          { action: 'withdraw', reason: 'settled privately' },
          { by: 'dispatcher', now: at, config: lifecycle },
        )
      ).status,
    ).toBe('ok');
    const summons = issuedSummons({
      id: 'sm1',
      caseId: 'c1',
      department: 'health',
      reason: 'r',
      requiredBy: '2026-03-10T01:00:00.000Z',
      issuedBy: 'd',
      issuedAt: REFERRED,
    });
    await new RedisSummonsStore(redis, name, 1000).create([summons], []);
    const figures = { civilCommercialFilings: 40, administrativeFilings: 2, transferredToMediation: 12, filedAfterFailedMediation: 3 };
    await new RedisCourtFigures(redis, name).putMany([{ month: '2026-02', figures }], at);
    await appendAudit(redis, name, { action: 'pin', caseId: 'c1', mediatorIds: ['m1'], by: 'dispatcher-1', force: false });
    return { name, deps: ledgerProjectionFor({ redis, db, lifecycle }, name) };
  }

  const count = async (
    table: 'cases' | 'case_history' | 'ledger_events' | 'summonses' | 'mediators' | 'court_figures' | 'decisions',
    name: string,
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select(sql<number>`count(*)`.as('n'))
          .where('county', '=', name)
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('when the projector runs, then the ledger holds every case, its history, the events, the summons, roster, court month and decision, and the outbox is empty', async () => {
    const { name, deps } = await county();
    const summary = await projectOutbox(deps);
    // The county's first copy is a whole one (cases from before the outbox have no entries).
    expect(summary.recopied).toBe(true);
    expect(summary.cases).toBe(2);
    const rows = await db.selectFrom('cases').selectAll().where('county', '=', name).orderBy('case_id').execute();
    expect(rows.map((r) => [r.case_id, r.status, r.outcome])).toEqual([
      ['c1', 'referred', null],
      ['c2', 'withdrawn', 'withdrawn'],
    ]);
    expect(rows[1]?.closed_at?.toISOString()).toBe('2026-03-04T02:00:00.000Z');
    expect(await count('case_history', name)).toBe(1);
    const streamed = await redis.xlen(countyKeys(name).events);
    expect(await count('ledger_events', name)).toBe(streamed);
    expect(await count('summonses', name)).toBe(1);
    expect(await count('mediators', name)).toBe(2);
    expect(await count('court_figures', name)).toBe(1);
    expect(await count('decisions', name)).toBe(1);
    expect(await redis.xlen(countyKeys(name).ledgerOutbox)).toBe(0);
  });

  test('when cases were in Redis before the county was ever copied, then the first copy takes them all', async () => {
    const { name, deps } = await county();
    await redis.del(countyKeys(name).ledgerOutbox);
    expect((await projectOutbox(deps)).recopied).toBe(true);
    expect(await count('cases', name)).toBe(2);
    expect(await count('summonses', name)).toBe(1);
  });

  test('when the projector runs again, or a second projector writes from a stale cursor, then nothing is written twice', async () => {
    const { name, deps } = await county();
    await projectOutbox(deps);
    expect((await projectOutbox(deps)).entries).toBe(0);
    const stale = {
      fromId: '0-0',
      toId: '0-1',
      readCount: 1,
      cases: [],
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
    expect(await deps.ledger.apply(stale)).toBe('moved');
    expect(await count('cases', name)).toBe(2);
    expect(await count('decisions', name)).toBe(1);
  });

  test('when outbox entries were dropped unread (its cap), then the projector copies the whole county again', async () => {
    const { name, deps } = await county();
    await projectOutbox(deps);
    await db.deleteFrom('cases').where('county', '=', name).execute();
    await new CaseRepo(redis, name, 1000).intake([waitingCase({ id: 'c3', county: name, referredAt: REFERRED })]);
    await redis.xtrim(countyKeys(name).ledgerOutbox, 'MAXLEN', 0);
    const summary = await projectOutbox(deps);
    expect(summary.recopied).toBe(true);
    expect(await count('cases', name)).toBe(3);
    expect(await count('mediators', name)).toBe(2);
    expect(await count('summonses', name)).toBe(1);
    expect(await projectOutbox(deps)).toEqual({ entries: 0, cases: 0, recopied: false });
  });
});
