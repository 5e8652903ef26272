'use strict';
/** Ends a jest run with the plain closing line CI reads: "N passed, N failed[, N skipped]". */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failedSuites = results.numFailedTestSuites > 0 && results.numFailedTests === 0 ? ' (a test file failed to run)' : '';
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${results.numFailedTests} failed` +
        (skipped > 0 ? `, ${skipped} skipped` : '') +
        `${failedSuites}\n`,
    );
  }
}
module.exports = SummaryReporter;
