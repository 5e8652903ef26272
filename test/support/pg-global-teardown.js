// Drops the run's database (pg-global-setup.js), whatever connections are still open to it, and
// stops the private cluster the setup started, if it started one.
const { rmSync } = require('node:fs');
const { Client } = require('pg');

module.exports = async function dropRunDatabase() {
  const name = process.env.TIAOJIE_TEST_DATABASE_NAME;
  const admin = process.env.TIAOJIE_TEST_PG_ADMIN_URL || 'postgres://root@127.0.0.1:5432/postgres';
  if (name) {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  const own = globalThis.__tiaojieTestCluster;
  if (own) {
    await own.cluster.stop();
    rmSync(own.dir, { recursive: true, force: true });
  }
};
