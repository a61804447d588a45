// node:test reporter that prints only the plain closing line `N passed, N failed`.
// It is paired with the `spec` reporter, which shows the details. Counts come from the
// runner's final summary diagnostics; a file that fails to load is reported by node:test
// as a failing test, and cancelled tests (timeouts, a crashed file) count as failed.
export default async function* countReporter(source) {
  const summary = { pass: 0, fail: 0, cancelled: 0 };
  let sawSummary = false;
  for await (const event of source) {
    if (event.type !== 'test:diagnostic') continue;
    const match = /^(pass|fail|cancelled) (\d+)$/.exec(event.data.message);
    if (match && event.data.nesting === 0) {
      summary[match[1]] = Number(match[2]);
      sawSummary = true;
    }
  }
  if (!sawSummary) summary.fail = Math.max(summary.fail, 1);
  yield `${summary.pass} passed, ${summary.fail + summary.cancelled} failed\n`;
}
