// Appends each Jest run's counts to $TRIALSTREAM_TEST_SUMMARY, so the test command can print one
// closing line for every project's tests together.
const { appendFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.TRIALSTREAM_TEST_SUMMARY;
    if (!file) return;
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numFailedTestSuites: failedSuites } = results;
    appendFileSync(file, `${JSON.stringify({ passed, failed, skipped, failedSuites })}\n`);
  }
}

module.exports = SummaryReporter;
