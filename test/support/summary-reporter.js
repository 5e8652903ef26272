'use strict';
/**
 * Ends a jest run with the plain closing line CI reads: "N passed, N failed[, N skipped]".
 * `npm test` runs jest twice (test/support/run-suites.js): the first run saves its counts to
 * TIAOJIE_TEST_SUMMARY_SAVE instead of printing them, the second adds the file's counts
 * (TIAOJIE_TEST_SUMMARY_ADD) to its own, so the line covers the whole suite once.
 */
const { existsSync, readFileSync, writeFileSync } = require('node:fs');

function countsOf(results) {
  return {
    passed: results.numPassedTests,
    failed: results.numFailedTests,
    skipped: results.numPendingTests + results.numTodoTests,
    // A file that failed to run has no failed test to show for it.
    brokenFiles: results.numFailedTestSuites > 0 && results.numFailedTests === 0 ? results.numFailedTestSuites : 0,
  };
}

function added(a, b) {
  return {
    passed: a.passed + b.passed,
    failed: a.failed + b.failed,
    skipped: a.skipped + b.skipped,
    brokenFiles: a.brokenFiles + b.brokenFiles,
  };
}

class SummaryReporter {
  onRunComplete(_contexts, results) {
    let counts = countsOf(results);
    const save = process.env.TIAOJIE_TEST_SUMMARY_SAVE;
    if (save) {
      writeFileSync(save, JSON.stringify(counts));
      return;
    }
    const add = process.env.TIAOJIE_TEST_SUMMARY_ADD;
    // No file: the first run did not finish (it crashed): say so rather than print half a total.
    if (add)
      counts = existsSync(add) ? added(counts, JSON.parse(readFileSync(add, 'utf8'))) : { ...counts, brokenFiles: counts.brokenFiles + 1 };
    process.stdout.write(
      `\n${counts.passed} passed, ${counts.failed} failed` +
        (counts.skipped > 0 ? `, ${counts.skipped} skipped` : '') +
        (counts.brokenFiles > 0 ? ' (a test file failed to run)' : '') +
        '\n',
    );
  }
}
module.exports = SummaryReporter;
