import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** A database for one test file on the shared PostgreSQL server, dropped after. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** The server every machine and CI run has (.ci/run starts it); TIAOJIE_TEST_PG_ADMIN_URL points elsewhere. */
const ADMIN_URL = process.env.TIAOJIE_TEST_PG_ADMIN_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `tj_test_<pid>_<random>`, so no test sees another's rows, nor a previous run's. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `tj_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE ends sessions a test left open (a pool not ended), which would otherwise block the drop.
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
