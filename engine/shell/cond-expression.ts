// bash's `[[ expression ]]`, shared by the terminal and the container shell: ! && || and
// parentheses; -z -n and the file tests of test(1); == and != against a glob pattern when the
// right side is unquoted (`[[ $phase == Run* ]]`), =~ against a regular expression, < > on
// strings, -eq -ne -lt -le -gt -ge on integers. A malformed expression throws CondError with
// bash's words (status 2).
import { unaryTest, type TestFiles } from './test-expression.ts';

/** An expanded `[[` item: an operator, or a word's text (`pattern`: unquoted, so glob characters match). */
export type CondValue = { op: string } | { text: string; pattern: boolean };

export class CondError extends Error {}

const UNARY = new Set(['-z', '-n', '-e', '-f', '-d', '-s', '-r']);
const BINARY = new Set(['==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

/** A shell glob as an anchored regular expression (* ? and [...] classes). */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '\\' && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`, 's');
}

function integer(s: string): number {
  if (!/^\s*[-+]?\d+\s*$/.test(s)) {
    // bash evaluates the operands arithmetically; a word that is not a number is an error there too.
    if (/^\s*$/.test(s)) return 0;
    throw new CondError(`${s.trim()}: syntax error: operand expected (error token is "${s.trim()}")`);
  }
  return Number(s);
}

export function evaluateCond(items: readonly CondValue[], files: TestFiles): boolean {
  let i = 0;
  const isOp = (v: string) => {
    const x = items[i];
    return x !== undefined && 'op' in x && x.op === v;
  };
  const isWord = (v: string) => {
    const x = items[i];
    return x !== undefined && 'text' in x && x.pattern && x.text === v;
  };
  /** The operator at i: a lexer operator, or an unquoted word spelling one. */
  const opAt = (k: number): string | undefined => {
    const x = items[k];
    if (!x) return undefined;
    if ('op' in x) return x.op;
    return x.pattern ? x.text : undefined;
  };
  const operand = (): { text: string; pattern: boolean } => {
    const x = items[i];
    if (!x || 'op' in x) throw new CondError(`syntax error in conditional expression${x ? `: unexpected token \`${x.op}'` : ''}`);
    i++;
    return x;
  };

  function or(): boolean {
    let v = and();
    while (isOp('||')) {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  }
  function and(): boolean {
    let v = not();
    while (isOp('&&')) {
      i++;
      const r = not();
      v = v && r;
    }
    return v;
  }
  function not(): boolean {
    if (isWord('!')) {
      i++;
      return !not();
    }
    return primary();
  }
  function primary(): boolean {
    if (isOp('(')) {
      i++;
      const v = or();
      if (!isOp(')')) throw new CondError("syntax error in conditional expression: expected `)'");
      i++;
      return v;
    }
    const first = opAt(i);
    if (first !== undefined && UNARY.has(first) && items[i + 1] && !('op' in items[i + 1]!) && !BINARY.has(opAt(i + 2) ?? '')) {
      i++;
      return unaryTest(first, operand().text, files)!;
    }
    const left = operand();
    const op = opAt(i);
    if (op === undefined || !BINARY.has(op)) {
      if (op !== undefined && op !== '&&' && op !== '||' && op !== ')') throw new CondError(`conditional binary operator expected`);
      return left.text !== '';
    }
    i++;
    const right = operand();
    switch (op) {
      case '==': case '=': return right.pattern ? globToRegExp(right.text).test(left.text) : left.text === right.text;
      case '!=': return right.pattern ? !globToRegExp(right.text).test(left.text) : left.text !== right.text;
      case '=~':
        try {
          return new RegExp(right.text).test(left.text);
        } catch {
          return false; // bash: an invalid regex is status 2; false is what a script sees
        }
      case '<': return left.text < right.text;
      case '>': return left.text > right.text;
      case '-eq': return integer(left.text) === integer(right.text);
      case '-ne': return integer(left.text) !== integer(right.text);
      case '-lt': return integer(left.text) < integer(right.text);
      case '-le': return integer(left.text) <= integer(right.text);
      case '-gt': return integer(left.text) > integer(right.text);
      default: return integer(left.text) >= integer(right.text);
    }
  }

  const v = or();
  if (i < items.length) {
    const x = items[i]!;
    throw new CondError(`syntax error in conditional expression: unexpected token \`${'op' in x ? x.op : x.text}'`);
  }
  return v;
}
