/** Tests run through @swc/jest (transpile only, fast); `npm run typecheck` is the type gate. */
const project = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
};

/**
 * Suites that run a second time on a private 6-node Redis Cluster (TIAOJIE_TEST_REDIS=cluster), one
 * per path a referral takes through Redis, chosen to keep the cluster run near 3 minutes of CI:
 * - referral-flow: intake, the dispatch commit, SSE resumption and signed webhooks (the relay), a full
 *   in-process service (test/support/service.ts) with BullMQ on the cluster;
 * - lifecycle and reassign: the lifecycle scripts and a case moved by hand;
 * - rebalance-openapi: POST /v1/rebalance through a rebalance worker on the cluster (the county lock,
 *   a run applied). integration/rebalance passes on a cluster alone but, run beside the others on a
 *   loaded machine, now and then meets 503 "no rebalance worker" (BullMQ's CLIENT LIST over the nodes):
 *   left out until that is understood;
 * - summons-api: the summons scripts and their events;
 * - ledger-service: the ledger projector reading the county streams and outboxes.
 * Cluster-only suites (the launcher, the failover test) run in the default project: they start their own cluster.
 */
const ON_BOTH = [
  'integration/referral-flow',
  'integration/lifecycle',
  'integration/reassign',
  'integration/rebalance-openapi',
  'integration/summons-api',
  'integration/ledger/ledger-service',
];

module.exports = {
  testTimeout: 60000,
  // One PostgreSQL database per run for the services' ledger (TIAOJIE_TEST_DATABASE_URL), dropped after.
  globalSetup: '<rootDir>/test/support/pg-global-setup.js',
  globalTeardown: '<rootDir>/test/support/pg-global-teardown.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...project, displayName: 'default', testMatch: ['**/*.test.ts'] },
    {
      ...project,
      displayName: 'cluster',
      testMatch: ON_BOTH.map((suite) => `<rootDir>/test/${suite}.test.ts`),
      setupFiles: ['<rootDir>/test/support/cluster-env.js'],
    },
  ],
};
