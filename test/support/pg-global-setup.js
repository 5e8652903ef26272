// One PostgreSQL database per test run (jest globalSetup): services the tests start keep their
// ledger there, each county apart; pg-global-teardown.js drops it. The URL reaches every test
// worker through the environment.
const { randomBytes } = require('node:crypto');
const { Client } = require('pg');

const ADMIN_URL = process.env.TIAOJIE_TEST_PG_ADMIN_URL || 'postgres://root@127.0.0.1:5432/postgres';

module.exports = async function createRunDatabase() {
  const name = `tj_run_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  process.env.TIAOJIE_TEST_DATABASE_URL = url.toString();
  process.env.TIAOJIE_TEST_DATABASE_NAME = name;
};
