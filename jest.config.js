/** Tests run through @swc/jest (transpile only, fast); `npm run typecheck` is the type gate. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 60000,
  // One PostgreSQL database per run for the services' ledger (TIAOJIE_TEST_DATABASE_URL), dropped after.
  globalSetup: '<rootDir>/test/support/pg-global-setup.js',
  globalTeardown: '<rootDir>/test/support/pg-global-teardown.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
