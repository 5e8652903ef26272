#!/usr/bin/env node
'use strict';
/**
 * `npm test`: the whole suite in two jest runs, so the 2-core machines it runs on are used and the
 * load-sensitive suites still run alone.
 * 1. Everything but SERIAL, on two jest workers (about 40% less wall time than one worker).
 * 2. SERIAL in band (one file at a time): fault-injection tests that time a recovery or a drain
 *    (kill -9, SIGTERM, failover, takeover bounds) and fail when another suite takes their core.
 * The summary reporter prints one closing line "N passed, N failed" for both runs together.
 * With arguments (`npm test -- test/unit/x.test.ts -t name`) it is plain `jest <arguments>`.
 */
const { spawnSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** Path patterns (jest regexes) of the suites run in band, after the rest. */
const SERIAL = ['/test/resilience/', '/test/e2e/'];

const jestBin = require.resolve('jest/bin/jest');

function jest(args, env) {
  const run = spawnSync(process.execPath, [jestBin, ...args], { stdio: 'inherit', env: { ...process.env, ...env } });
  if (run.error) throw run.error;
  return run.status ?? 1;
}

const passThrough = process.argv.slice(2);
if (passThrough.length > 0) process.exit(jest(passThrough, {}));

const carry = mkdtempSync(join(tmpdir(), 'tiaojie-test-summary-'));
const carryFile = join(carry, 'first-part.json');
try {
  const parallel = jest(['--maxWorkers=2', ...SERIAL.map((p) => `--testPathIgnorePatterns=${p}`)], {
    TIAOJIE_TEST_SUMMARY_SAVE: carryFile,
  });
  // --forceExit: these suites kill Redis nodes and processes on purpose; a client left reconnecting to
  // a dead node after its suite has reported must not keep the run from ending.
  const serial = jest(['--runInBand', '--forceExit', '--selectProjects', 'default', `--testPathPatterns=${SERIAL.join('|')}`], {
    TIAOJIE_TEST_SUMMARY_ADD: carryFile,
  });
  process.exitCode = parallel !== 0 || serial !== 0 ? 1 : 0;
} finally {
  rmSync(carry, { recursive: true, force: true });
}
