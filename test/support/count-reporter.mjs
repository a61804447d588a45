// Prints the plain closing line `N passed, N failed` for a web-test-runner run (toolchain.md 5.4).
// WTR's own summary carries ANSI codes and a progress bar, and a console.log inside stop()
// is swallowed by its dynamic terminal, so the line is written on process exit.

/** Counts leaf tests in a WTR TestSuiteResult tree. */
function countSuite(suite, counts) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) continue;
    if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

export function countReporter() {
  const counts = { passed: 0, failed: 0 };
  let finished = false;
  return {
    stop({ sessions }) {
      for (const session of sessions) {
        const before = counts.failed;
        countSuite(session.testResults, counts);
        // A file that failed to load (or threw outside a test, or whose browser never
        // started) reports no failing test, yet its session failed: count it as one failure.
        if (!session.passed && counts.failed === before) counts.failed += 1;
      }
      finished = true;
    },
    start() {
      process.once('exit', () => {
        // WTR exits without calling stop() when it cannot start (no files, browser missing).
        if (!finished) counts.failed = Math.max(counts.failed, 1);
        process.stdout.write(`${counts.passed} passed, ${counts.failed} failed\n`);
      });
    },
  };
}
