import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { LedgerDb } from './ledger-db';
import { down as down0001, up as up0001 } from './migrations/m0001-ledger';
import { down as down0002, up as up0002 } from './migrations/m0002-report-facts';
import { down as down0003, up as up0003 } from './migrations/m0003-county-records';

/**
 * The ledger's migrations in order. Listed in code rather than read from a folder, so the compiled
 * service and the tests (which run the TypeScript) apply the same list with no file-system lookup.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-ledger': { up: up0001, down: down0001 },
  '0002-report-facts': { up: up0002, down: down0002 },
  '0003-county-records': { up: up0003, down: down0003 },
};

/**
 * Brings the ledger's schema up to date. Kysely's migrator records what ran in
 * `kysely_migration` and holds a lock while it runs, so processes starting together apply each
 * migration once. Throws when a migration fails (the process cannot keep a ledger).
 */
export async function migrateLedger(db: LedgerDb): Promise<readonly string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve({ ...MIGRATIONS }) },
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error instanceof Error) throw result.error;
  if (result.error !== undefined) throw new Error(`ledger migration failed: ${JSON.stringify(result.error)}`);
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
