// Drops the run's database (pg-global-setup.js), whatever connections are still open to it.
const { Client } = require('pg');

const ADMIN_URL = process.env.TIAOJIE_TEST_PG_ADMIN_URL || 'postgres://root@127.0.0.1:5432/postgres';

module.exports = async function dropRunDatabase() {
  const name = process.env.TIAOJIE_TEST_DATABASE_NAME;
  if (!name) return;
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
};
