// Appends each Jest run's counts, and the names of its failed tests and suites, to
// $TRIALSTREAM_TEST_SUMMARY, so the test command can end on one summary for every project's tests
// together (a CI log is often read from its end only).
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');
const { stripVTControlCharacters } = require('node:util');

/** The first three lines of a failure message that say something (no blank lines, no stack frames). */
function firstLines(message) {
  const line = stripVTControlCharacters(message ?? '').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at ')).slice(0, 3).join(' | ');
  return line.length > 400 ? `${line.slice(0, 400)}…` : line;
}

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.TRIALSTREAM_TEST_SUMMARY;
    if (!file) return;
    const { numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numFailedTestSuites: failedSuites } = results;
    const failures = [];
    for (const suite of results.testResults) {
      const path = relative(process.cwd(), suite.testFilePath);
      for (const test of suite.testResults.filter((t) => t.status === 'failed')) {
        failures.push({ path, name: test.fullName, message: firstLines(test.failureMessages.join('\n')) });
      }
      // A suite can fail outside any test (an afterAll hook, a compile error): no test result names it.
      // An afterAll failure comes with an empty message and the error in its stack.
      if (suite.testExecError) {
        failures.push({ path, name: '(the suite itself)', message: firstLines(suite.testExecError.message || suite.testExecError.stack || suite.failureMessage) });
      }
    }
    appendFileSync(file, `${JSON.stringify({ passed, failed, skipped, failedSuites, failures })}\n`);
  }
}

module.exports = SummaryReporter;
