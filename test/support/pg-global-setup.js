// One PostgreSQL database per test run (jest globalSetup): services the tests start keep their
// ledger there, each county apart; pg-global-teardown.js drops it. The server is the one on
// 127.0.0.1:5432 (TIAOJIE_TEST_PG_ADMIN_URL elsewhere); when none answers there, a private cluster
// is started for the run with the service's own launcher (the PostgreSQL server programs must be
// installed: apt-get install -y postgresql). The URLs reach every test worker through the environment.
const { mkdtempSync, chmodSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

const DEFAULT_ADMIN_URL = 'postgres://root@127.0.0.1:5432/postgres';

async function query(url, sql) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function answers(url) {
  try {
    await query(url, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/** The admin URL of a server for the run: the configured or local one, else a private cluster. */
async function adminUrl() {
  if (process.env.TIAOJIE_TEST_PG_ADMIN_URL) return process.env.TIAOJIE_TEST_PG_ADMIN_URL;
  if (await answers(DEFAULT_ADMIN_URL)) return DEFAULT_ADMIN_URL;
  require('./swc-register');
  const { resolveLedgerDatabase } = require('../../src/runtime/postgres-launcher');
  const { createLogger } = require('../../src/runtime/logger');
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-test-pg-'));
  chmodSync(dir, 0o755); // the cluster runs as the postgres user when we are root
  const cluster = await resolveLedgerDatabase({ dataDir: dir, embedded: 'cluster', logger: createLogger('warn') });
  globalThis.__tiaojieTestCluster = { cluster, dir };
  const url = new URL(cluster.url);
  url.pathname = '/postgres';
  process.env.TIAOJIE_TEST_PG_ADMIN_URL = url.toString();
  return url.toString();
}

module.exports = async function createRunDatabase() {
  const admin = await adminUrl();
  const name = `tj_run_${process.pid}_${randomBytes(4).toString('hex')}`;
  await query(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  process.env.TIAOJIE_TEST_DATABASE_URL = url.toString();
  process.env.TIAOJIE_TEST_DATABASE_NAME = name;
};
