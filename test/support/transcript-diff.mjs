// Compares a transcript's actual output with its golden `.out`, line by line.
// An expected line starting with `re:` is a regular expression (the rest of the line,
// verbatim) that must match the whole actual line; every other line must match exactly.

/** @param {string} expected @param {string} actual */
export function lineMatches(expected, actual) {
  if (expected.startsWith('re:')) {
    try {
      return new RegExp(`^(?:${expected.slice(3)})$`).test(actual);
    } catch {
      return false; // a broken pattern never matches; the diff shows the line
    }
  }
  return expected === actual;
}

/** Splits text into lines, ignoring one trailing newline. */
export function toLines(text) {
  const trimmed = text.endsWith('\n') ? text.slice(0, -1) : text;
  return trimmed === '' ? [] : trimmed.split('\n');
}

/**
 * Longest-common-subsequence alignment of expected vs actual lines.
 * Returns ops: { op: ' ' | '-' | '+', expected?, actual?, e?, a? } (e/a are 1-based line numbers).
 */
export function alignLines(expected, actual) {
  const n = expected.length;
  const m = actual.length;
  // lcs[i][j] = LCS length of expected[i:] and actual[j:]
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = lineMatches(expected[i], actual[j])
        ? lcs[i + 1][j + 1] + 1
        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && lineMatches(expected[i], actual[j])) {
      ops.push({ op: ' ', expected: expected[i], actual: actual[j], e: i + 1, a: j + 1 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      ops.push({ op: '-', expected: expected[i], e: i + 1 });
      i++;
    } else {
      ops.push({ op: '+', actual: actual[j], a: j + 1 });
      j++;
    }
  }
  return ops;
}

/** A unified-style diff with 3 lines of context, or '' when the outputs match. */
export function transcriptDiff(expectedText, actualText, { context = 3 } = {}) {
  const ops = alignLines(toLines(expectedText), toLines(actualText));
  if (ops.every((o) => o.op === ' ')) return '';
  const show = new Array(ops.length).fill(false);
  ops.forEach((o, k) => {
    if (o.op === ' ') return;
    for (let d = Math.max(0, k - context); d <= Math.min(ops.length - 1, k + context); d++) show[d] = true;
  });
  const out = ['--- expected (.out)', '+++ actual (sim output)'];
  let skipped = false;
  ops.forEach((o, k) => {
    if (!show[k]) {
      if (!skipped) out.push('  ...');
      skipped = true;
      return;
    }
    skipped = false;
    if (o.op === ' ') out.push(`  ${String(o.a).padStart(4)} | ${o.actual}`);
    else if (o.op === '-') out.push(`- ${String(o.e).padStart(4)} | ${o.expected}`);
    else out.push(`+ ${String(o.a).padStart(4)} | ${o.actual}`);
  });
  return out.join('\n');
}

/**
 * The golden text to write for `--update-golden`: the actual output, keeping each expected
 * `re:` line that still matches its aligned actual line (so volatile parts stay patterns).
 */
export function updatedGolden(expectedText, actualText) {
  const ops = alignLines(toLines(expectedText), toLines(actualText));
  const lines = [];
  for (const o of ops) {
    if (o.op === ' ') lines.push(o.expected.startsWith('re:') ? o.expected : o.actual);
    else if (o.op === '+') lines.push(o.actual);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
