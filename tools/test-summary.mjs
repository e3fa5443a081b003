// Prints the closing lines of the whole test run: each failed test with the first lines of its
// failure, then "N passed, N failed, N skipped". Fails when no test ran at all, so an empty run
// can never pass.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2];
const runs = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const total = (key) => runs.reduce((sum, run) => sum + run[key], 0);
const [passed, failed, skipped] = [total('passed'), total('failed'), total('skipped')];
const failures = runs.flatMap((run) => run.failures ?? []);
if (failures.length > 0) {
  console.log('\nfailed:');
  for (const { path, name, message } of failures) console.log(`  ${path}: ${name}\n      ${message}`);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0 || total('failedSuites') > 0) process.exit(1);
