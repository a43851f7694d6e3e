// Prints one closing line for the whole test run ("total: N passed, N failed, N skipped") from
// Vitest's JSON reports, so that CI and people read the same figure. The line counts tests only;
// test files that failed outside any test (a syntax error, a failing beforeAll) and reports that are
// missing (a run that did not finish) are listed on lines of their own before it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Adds up Vitest JSON reports (null for a report that was not written). */
export function summarise(reports) {
  const totals = { passed: 0, failed: 0, skipped: 0, failedFiles: [], missingReports: [] };
  for (const { file, report } of reports) {
    if (!report) {
      totals.missingReports.push(file);
      continue;
    }
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      // A file whose own tests all passed (or that has none) but failed as a whole: its error is
      // outside any test, and the test counts above cannot show it.
      const failedTests = (suite.assertionResults ?? []).some((t) => t.status === 'failed');
      if (suite.status === 'failed' && !failedTests) totals.failedFiles.push({ name: suite.name, message: (suite.message ?? '').split('\n')[0] });
    }
  }
  return totals;
}

export function formatSummary(totals, root = process.cwd()) {
  const lines = [];
  for (const file of totals.missingReports) lines.push(`(no results in ${file}: that suite did not run to the end)`);
  for (const { name, message } of totals.failedFiles) lines.push(`failed file (outside any test): ${path.relative(root, name)}${message ? `: ${message}` : ''}`);
  if (totals.failedFiles.length > 0 || totals.missingReports.length > 0) {
    lines.push(`failed suites: ${totals.failedFiles.length} test file(s) failed outside their tests, ${totals.missingReports.length} report(s) missing`);
  }
  lines.push(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return lines.join('\n');
}

function main() {
  const reports = process.argv.slice(2).map((file) => ({ file, report: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null }));
  console.log(formatSummary(summarise(reports)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
