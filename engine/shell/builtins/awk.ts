// awk [-F SEP] [-v VAR=VALUE] 'PROGRAM' [FILE...]: the one-liner subset people pipe kubectl
// into — `{print $1}`, `{print $1, $3}`, `{print $NF}`, `NR>1 {print $1}`, `/re/ {print}`,
// `$3=="Running" {n++} END {print n}`, `{printf "%-20s %s\n", $1, $3}`, `{if ($3 > 0) print $1;
// else print "none"}`, `BEGIN {...}`, string literals and concatenation in print.
import type { Builtin } from './builtin.ts';
import { printf, unescape } from '../printf-format.ts';
import { lines, readInput } from './text-input.ts';

interface Rule {
  pattern: string; // '' | 'BEGIN' | 'END' | condition text
  action: string; // '' means print $0
}

function parseProgram(src: string): Rule[] {
  const rules: Rule[] = [];
  let i = 0;
  while (i < src.length) {
    while (i < src.length && /[\s;]/.test(src[i]!)) i++;
    if (i >= src.length) break;
    let pattern = '';
    while (i < src.length && src[i] !== '{') {
      if (src[i] === '/') {
        const end = src.indexOf('/', i + 1);
        pattern += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (src[i] === '\n' || src[i] === ';') break;
      pattern += src[i++];
    }
    let action = '';
    if (src[i] === '{') {
      let depth = 0;
      const start = i + 1;
      for (; i < src.length; i++) {
        if (src[i] === '"') for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
        if (src[i] === '{') depth++;
        else if (src[i] === '}' && --depth === 0) break;
      }
      action = src.slice(start, i).trim();
      i++;
    } else action = 'print';
    rules.push({ pattern: pattern.trim(), action });
  }
  return rules;
}

interface Env {
  fields: string[];
  NR: number;
  vars: Record<string, string | number>;
}

function field(env: Env, n: number): string {
  return env.fields[n] ?? '';
}

/** Evaluates an expression: $N, $NF, NR, NF, "str", numbers, variables, concatenation. */
function evalExpr(expr: string, env: Env): string {
  const tokens = expr.match(/"(?:[^"\\]|\\.)*"|\$\(?[A-Za-z0-9_+-]+\)?|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|\S/g) ?? [];
  let out = '';
  for (const t of tokens) {
    if (t.startsWith('"')) out += t.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\"/g, '"');
    else if (t.startsWith('$')) {
      const inner = t.slice(1).replace(/^\(|\)$/g, '');
      const nf = env.fields.length - 1;
      const n = inner === 'NF' ? nf : inner.startsWith('NF-') ? nf - Number(inner.slice(3)) : /^\d+$/.test(inner) ? Number(inner) : Number(env.vars[inner] ?? 0);
      out += field(env, n);
    } else if (t === 'NR') out += String(env.NR);
    else if (t === 'NF') out += String(env.fields.length - 1);
    else if (/^\d/.test(t)) out += t;
    else if (/^[A-Za-z_]/.test(t)) out += String(env.vars[t] ?? '');
  }
  return out;
}

function truthy(cond: string, env: Env, line: string): boolean {
  if (cond === '') return true;
  const re = /^\/(.*)\/$/.exec(cond);
  if (re) return new RegExp(re[1]!).test(line);
  const neg = /^!\s*\/(.*)\/$/.exec(cond);
  if (neg) return !new RegExp(neg[1]!).test(line);
  const m = /^(.+?)\s*(==|!=|>=|<=|>|<|~|!~)\s*(.+)$/.exec(cond);
  if (!m) return evalExpr(cond, env) !== '' && evalExpr(cond, env) !== '0';
  const a = evalExpr(m[1]!, env);
  const b = m[2] === '~' || m[2] === '!~' ? m[3]!.replace(/^\/|\/$/g, '') : evalExpr(m[3]!, env);
  const na = Number(a);
  const nb = Number(b);
  const num = a !== '' && b !== '' && !Number.isNaN(na) && !Number.isNaN(nb);
  switch (m[2]) {
    case '==':
      return num ? na === nb : a === b;
    case '!=':
      return num ? na !== nb : a !== b;
    case '>':
      return num ? na > nb : a > b;
    case '<':
      return num ? na < nb : a < b;
    case '>=':
      return num ? na >= nb : a >= b;
    case '<=':
      return num ? na <= nb : a <= b;
    case '~':
      return new RegExp(b).test(a);
    default:
      return !new RegExp(b).test(a);
  }
}

/** The statements of an action: split at `;` and newlines outside strings, parentheses and braces. */
function statements(src: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let q = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (q) {
      cur += c;
      if (c === '\\') cur += src[++i] ?? '';
      else if (c === '"') q = false;
      continue;
    }
    if (c === '"') q = true;
    else if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    if ((c === ';' || c === '\n') && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Index of the bracket closing the one at `open` (outside strings), or -1. */
function closing(s: string, open: number): number {
  const pair = s[open] === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (s[i] === s[open]) depth++;
    else if (s[i] === pair && --depth === 0) return i;
  }
  return -1;
}

/** A statement or `{ block }` at the start of `s`: its body, and the text after a block (an `else`). */
function body(s: string): [string, string] {
  if (!s.startsWith('{')) return [s, ''];
  const end = closing(s, 0);
  return end < 0 ? [s.slice(1), ''] : [s.slice(1, end), s.slice(end + 1).trim()];
}

function run(action: string, env: Env, out: (s: string) => void): void {
  const stmts = statements(action);
  for (let i = 0; i < stmts.length; i++) {
    const stmt = stmts[i]!;
    // if (cond) stmt-or-block [else stmt-or-block]
    if (/^if\s*\(/.test(stmt)) {
      const open = stmt.indexOf('(');
      const close = closing(stmt, open);
      const [then, tail] = body(stmt.slice(close + 1).trim());
      let otherwise = /^else\b/.test(tail) ? tail.slice(4).trim() : undefined;
      if (otherwise === undefined && /^else\b/.test(stmts[i + 1] ?? '')) otherwise = stmts[++i]!.slice(4).trim();
      if (truthy(stmt.slice(open + 1, close).trim(), env, field(env, 0))) run(then, env, out);
      else if (otherwise !== undefined) run(body(otherwise)[0], env, out);
      continue;
    }
    const f = /^printf\b\s*\(?(.*?)\)?$/.exec(stmt);
    if (f) {
      // C's printf: one pass over the format, no newline of its own; extra arguments are ignored.
      const [fmt = '', ...rest] = splitTopLevel(f[1]!).map((a) => evalExpr(a, env));
      const wanted = (fmt.match(/%[-\d.]*[sdf]/g) ?? []).length;
      out(printf(fmt, rest.slice(0, wanted)));
      continue;
    }
    const p = /^print\b\s*(.*)$/.exec(stmt);
    if (p) {
      const args = p[1]!.trim();
      if (args === '') out(`${field(env, 0)}\n`);
      else out(`${splitTopLevel(args).map((a) => evalExpr(a, env)).join(' ')}\n`);
      continue;
    }
    const inc = /^([A-Za-z_]\w*)\s*(\+\+|\+=\s*(.+))$/.exec(stmt);
    if (inc) {
      env.vars[inc[1]!] = Number(env.vars[inc[1]!] ?? 0) + (inc[3] ? Number(evalExpr(inc[3], env)) : 1);
      continue;
    }
    const asg = /^([A-Za-z_]\w*)\s*=\s*(.+)$/.exec(stmt);
    if (asg) env.vars[asg[1]!] = evalExpr(asg[2]!, env);
  }
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const c of s) {
    if (c === '"') q = !q;
    if (c === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim());
}

export const awk: Builtin = (cx) => {
  const args = [...cx.args];
  let sep: string | undefined;
  const vars: Record<string, string | number> = {};
  while (args[0]?.startsWith('-F') || args[0]?.startsWith('-v')) {
    const a = args.shift()!;
    const value = a.length > 2 ? a.slice(2) : args.shift();
    if (a.startsWith('-F')) sep = value;
    else {
      const m = /^([A-Za-z_]\w*)=(.*)$/s.exec(value ?? '');
      if (!m) {
        cx.io.err(`awk: invalid -v argument '${value ?? ''}'\n`);
        return 2;
      }
      vars[m[1]!] = unescape(m[2]!);
    }
  }
  // FS " " is the default splitting on runs of blanks; "\t" is a tab.
  if (sep === ' ') sep = undefined;
  else if (sep !== undefined) sep = unescape(sep);
  const program = args.shift();
  if (program === undefined) {
    cx.io.err('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n');
    return 2;
  }
  const text = readInput(cx, args, 'awk');
  if (text === undefined) return 2;
  const rules = parseProgram(program);
  const env: Env = { fields: [''], NR: 0, vars };
  const out = (s: string) => cx.io.out(s);
  for (const r of rules) if (r.pattern === 'BEGIN') run(r.action, env, out);
  for (const line of lines(text)) {
    env.NR++;
    const parts = sep === undefined ? line.trim().split(/\s+/).filter(Boolean) : line.split(sep.length === 1 ? sep : new RegExp(sep));
    env.fields = [line, ...parts];
    for (const r of rules) if (r.pattern !== 'BEGIN' && r.pattern !== 'END' && truthy(r.pattern, env, line)) run(r.action, env, out);
  }
  for (const r of rules) if (r.pattern === 'END') run(r.action, env, out);
  return 0;
};
