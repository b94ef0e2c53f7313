// Sums vitest JSON reports of all packages into the one line CI reads: "N passed, N failed".
// Exits non-zero when a report is missing (a package whose tests never ran) or nothing ran at all.
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2).filter((f) => !f.includes('*'));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites ?? 0);
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
const expected = Number(process.env.PAYRAIL_EXPECTED_REPORTS ?? 6);
if (files.length < expected) {
  console.error(`only ${files.length} of ${expected} packages wrote a test report`);
  failed += expected - files.length;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
