// test / [ ... ]: the shell's conditional expressions, shared by the terminal and the container
// shell. Strings (= == != -z -n), integers (-eq -ne -lt -le -gt -ge), files (-e -f -r -s -d)
// through the caller's filesystem, ! -a -o.

export interface TestFiles {
  isFile(path: string): boolean;
  isDir(path: string): boolean;
  /** The file exists and is not empty. */
  hasContent(path: string): boolean;
}

/** A unary test (-z -n -f -r -s -e -d), shared with [[ ]]; undefined for any other operator. */
export function unaryTest(op: string, x: string, files: TestFiles): boolean | undefined {
  switch (op) {
    case '-z': return x === '';
    case '-n': return x !== '';
    case '-f': case '-r': return files.isFile(x);
    case '-s': return files.hasContent(x);
    case '-e': return files.isFile(x) || files.isDir(x);
    case '-d': return files.isDir(x);
    default: return undefined;
  }
}

/** What bash reports after `bash: [: ` for a malformed test in strict mode (exit status 2). */
export class TestError extends Error {}

/**
 * Evaluates the arguments of `test` (or of `[` without its `]`). With `strict` (bash), a
 * malformed test throws TestError with bash's words; otherwise (busybox sh in a container) it
 * is false and non-integers count as 0.
 */
export function evaluateTest(a: readonly string[], files: TestFiles, strict = false): boolean {
  if (a[0] === '!') return !evaluateTest(a.slice(1), files, strict);
  if (a.length === 0) return false;
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    const [op, x] = a as [string, string];
    const v = unaryTest(op, x, files);
    if (v !== undefined) return v;
    if (strict) throw new TestError(`${op}: unary operator expected`);
    return false;
  }
  const i = a.indexOf('-a') > 0 ? a.indexOf('-a') : a.indexOf('-o');
  if (i > 0) {
    const left = evaluateTest(a.slice(0, i), files, strict);
    const right = evaluateTest(a.slice(i + 1), files, strict);
    return a[i] === '-a' ? left && right : left || right;
  }
  const [x, op, y] = a as [string, string, string];
  const n = (s: string) => {
    if (strict && !/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`${s}: integer expression expected`);
    return Number(s) || 0;
  };
  switch (op) {
    case '=': case '==': return x === y;
    case '!=': return x !== y;
    case '-eq': return n(x) === n(y);
    case '-ne': return n(x) !== n(y);
    case '-lt': return n(x) < n(y);
    case '-le': return n(x) <= n(y);
    case '-gt': return n(x) > n(y);
    case '-ge': return n(x) >= n(y);
  }
  if (strict) throw new TestError(a.length > 3 ? 'too many arguments' : `${op}: binary operator expected`);
  return false;
}
