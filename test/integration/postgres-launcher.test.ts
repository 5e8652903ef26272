import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { resolveLedgerDatabase, type LedgerDatabase } from '../../src/runtime/postgres-launcher';
import { postgresAnswers } from '../../src/runtime/postgres-probe';
import { freePort } from '../../src/runtime/redis-launcher';
import { forkLedger } from '../support/ledger-process';
import { freshDatabase } from '../support/pg-database';

/** A logger whose lines the test reads: every path must say, once, which database it uses. */
function capturingLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void out.push(line) });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

async function sql<T extends object>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** A temp DATA_DIR the `postgres` system user can enter (mkdtemp's 0700 would shut it out when the test runs as root). */
function tempDataDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tiaojie-${label}-`));
  chmodSync(dir, 0o755);
  return dir;
}

describe('the ledger database (issue 19 part 4)', () => {
  const opened: LedgerDatabase[] = [];
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.stop();
  });
  const open = async (...args: Parameters<typeof resolveLedgerDatabase>): Promise<LedgerDatabase> => {
    const db = await resolveLedgerDatabase(...args);
    opened.push(db);
    return db;
  };
  const stop = async (db: LedgerDatabase): Promise<void> => {
    opened.splice(opened.indexOf(db), 1);
    await db.stop();
  };

  describe('a private cluster under DATA_DIR', () => {
    let dir: string;
    beforeAll(() => (dir = tempDataDir('pgcluster')));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('is created once, keeps its tables across a restart, and stops with stop()', async () => {
      const log = capturingLogger();
      const first = await open({ dataDir: dir, embedded: 'cluster', logger: log.logger });
      expect(first.kind).toBe('private-cluster');
      expect(first.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/tiaojie$/);
      expect(await sql(first.url, 'SELECT current_database() AS db')).toEqual([{ db: 'tiaojie' }]);
      await sql(first.url, 'CREATE TABLE ledger_probe (id int PRIMARY KEY, note text)');
      await sql(first.url, 'INSERT INTO ledger_probe VALUES ($1, $2)', [1, '调解']);
      const said = log.lines().filter((l) => (l.database as { kind?: string } | undefined)?.kind === 'private-cluster');
      expect(said).toHaveLength(1);
      expect(said[0]).toMatchObject({ level: 30, database: { dataDir: join(dir, 'postgres') } });

      await stop(first);
      expect(await postgresAnswers(first.url)).toBe(false);

      const second = await open({ dataDir: dir, embedded: 'auto', logger: pino({ level: 'silent' }) });
      expect(second.kind).toBe('private-cluster');
      expect(await sql(second.url, 'SELECT id, note FROM ledger_probe')).toEqual([{ id: 1, note: '调解' }]);
      await stop(second);
      expect(await postgresAnswers(second.url)).toBe(false);
    });

    test('when its owner record is lost, then the running cluster is stopped and started again, and the old handle stops nothing', async () => {
      const silent = pino({ level: 'silent' });
      const before = await open({ dataDir: dir, embedded: 'cluster', logger: silent });
      rmSync(join(dir, 'postgres-owner.json'));
      const after = await open({ dataDir: dir, embedded: 'cluster', logger: silent });
      expect(await postgresAnswers(after.url)).toBe(true);
      await stop(before);
      expect(await sql(after.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await stop(after);
      expect(await postgresAnswers(after.url)).toBe(false);
    });
  });

  // In a child process: PGlite's build loads parts of itself with import(), which jest's sandbox refuses.
  describe('PGlite, forced', () => {
    let dir: string;
    beforeAll(() => (dir = tempDataDir('pglite')));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('serves the pg client over the wire, one connection, transactions included, and keeps its data across a restart', async () => {
      const first = await forkLedger(dir, 'pglite');
      try {
        expect(first).toMatchObject({ kind: 'pglite', maxConnections: 1 });
        const client = new Client({ connectionString: first.url });
        await client.connect();
        await client.query('CREATE TABLE ledger_probe (id int PRIMARY KEY)');
        await client.query('BEGIN');
        await client.query('INSERT INTO ledger_probe VALUES ($1)', [1]);
        await client.query('COMMIT');
        await client.query('BEGIN');
        await client.query('INSERT INTO ledger_probe VALUES ($1)', [2]);
        await client.query('ROLLBACK');
        await expect(client.query('INSERT INTO ledger_probe VALUES ($1)', [1])).rejects.toMatchObject({ code: '23505' });
        await client.end();
      } finally {
        await first.stop();
      }
      expect(await postgresAnswers(first.url)).toBe(false);

      const second = await forkLedger(dir, 'pglite');
      try {
        expect(await sql(second.url, 'SELECT id FROM ledger_probe ORDER BY id')).toEqual([{ id: 1 }]);
      } finally {
        await second.stop();
      }
    });
  });

  describe('DATABASE_URL', () => {
    test('a server that answers is used as it is, and stop() leaves it running', async () => {
      const fresh = await freshDatabase();
      try {
        const log = capturingLogger();
        const db = await open({ databaseUrl: fresh.url, dataDir: '/nonexistent', embedded: 'off', logger: log.logger });
        expect(db).toMatchObject({ kind: 'server', url: fresh.url });
        expect(await sql(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
        expect(log.lines()).toEqual([expect.objectContaining({ level: 30, database: { kind: 'server', at: '127.0.0.1:5432' } })]);
        await stop(db);
        expect(await postgresAnswers(fresh.url)).toBe(true);
      } finally {
        await fresh.drop();
      }
    });

    test('a server that does not answer is an error naming the URL without its password', async () => {
      const url = `postgres://ledger:s3cret-pw@127.0.0.1:${await freePort()}/tiaojie`;
      const failure = resolveLedgerDatabase({
        databaseUrl: url,
        dataDir: '/nonexistent',
        embedded: 'auto',
        logger: pino({ level: 'silent' }),
      });
      await expect(failure).rejects.toThrow(/no PostgreSQL answers at DATABASE_URL postgres:\/\/ledger:\*\*\*@127\.0\.0\.1:\d+\/tiaojie/);
      await expect(failure).rejects.not.toThrow(/s3cret/);
    });
  });

  test('DATABASE_EMBEDDED=off without DATABASE_URL refuses to start, saying what to set', async () => {
    await expect(resolveLedgerDatabase({ dataDir: '/nonexistent', embedded: 'off', logger: pino({ level: 'silent' }) })).rejects.toThrow(
      /set DATABASE_URL/,
    );
  });
});
