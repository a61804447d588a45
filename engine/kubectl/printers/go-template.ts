// `-o go-template=...` / `--template`: the part of Go's text/template people use with
// kubectl — {{.a.b}}, {{range}}/{{else}}/{{end}} (with `$i, $e :=`), {{if}}/{{else if}},
// {{with}}, variables, pipelines (`|`), parentheses, comments, `{{-`/`-}}` trimming, and the
// functions index, printf, print, println, len, eq/ne/lt/le/gt/ge, and/or/not, slice, plus
// kubectl's base64decode and exists. Missing keys print `<no value>` (missingkey=default).

export class TemplateError extends Error {}

type Expr =
  | { t: 'field'; base: Expr | null; names: string[] } // base null: the dot
  | { t: 'var'; name: string; names: string[] }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'nil' }
  | { t: 'dot' }
  | { t: 'call'; fn: string; args: Expr[] }
  | { t: 'pipe'; cmds: Expr[]; decl?: string[]; assign?: boolean };

type Node =
  | { t: 'text'; s: string }
  | { t: 'action'; pipe: Expr }
  | { t: 'if' | 'with'; pipe: Expr; body: Node[]; alt: Node[] }
  | { t: 'range'; pipe: Expr; body: Node[]; alt: Node[] };

// ---- lexing of one action ----

type Tok = { k: 'field' | 'var' | 'ident' | 'str' | 'num' | 'pipe' | 'lparen' | 'rparen' | 'decl' | 'assign' | 'comma' | 'dot'; v: string };

function lexAction(src: string, line: number): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    let m: RegExpMatchArray | null;
    if (c === '|') toks.push({ k: 'pipe', v: c }), i++;
    else if (c === '(') toks.push({ k: 'lparen', v: c }), i++;
    else if (c === ')') toks.push({ k: 'rparen', v: c }), i++;
    else if (c === ',') toks.push({ k: 'comma', v: c }), i++;
    else if (rest.startsWith(':=')) toks.push({ k: 'decl', v: ':=' }), (i += 2);
    else if (c === '=') toks.push({ k: 'assign', v: '=' }), i++;
    else if ((m = rest.match(/^"(?:[^"\\\n]|\\.)*"/))) toks.push({ k: 'str', v: goUnquote(m[0]) }), (i += m[0].length);
    else if ((m = rest.match(/^`[^`]*`/))) toks.push({ k: 'str', v: m[0].slice(1, -1) }), (i += m[0].length);
    else if ((m = rest.match(/^'(?:[^'\\]|\\.)'/))) toks.push({ k: 'num', v: String(goUnquote(`"${m[0].slice(1, -1)}"`).codePointAt(0)) }), (i += m[0].length);
    else if ((m = rest.match(/^(?:\.[\p{L}_][\p{L}\p{Nd}_]*)+/u))) toks.push({ k: 'field', v: m[0] }), (i += m[0].length);
    else if ((m = rest.match(/^\$[\p{L}\p{Nd}_]*(?:\.[\p{L}_][\p{L}\p{Nd}_]*)*/u))) toks.push({ k: 'var', v: m[0] }), (i += m[0].length);
    else if ((m = rest.match(/^[+-]?(?:0x[0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)/))) toks.push({ k: 'num', v: m[0] }), (i += m[0].length);
    else if (c === '.') toks.push({ k: 'dot', v: '.' }), i++;
    else if ((m = rest.match(/^[\p{L}_][\p{L}\p{Nd}_]*/u))) toks.push({ k: 'ident', v: m[0] }), (i += m[0].length);
    else if (c === '"') throw new TemplateError(`template: output:${line}: unterminated quoted string`);
    else throw new TemplateError(`template: output:${line}: unexpected ${JSON.stringify(c)} in command`);
  }
  return toks;
}

function goUnquote(s: string): string {
  return s.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{3}|.)/g, (_, c: string) => {
    if (/^x/.test(c) && c.length === 3) return String.fromCharCode(parseInt(c.slice(1), 16));
    if (/^u/.test(c) && c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    if (/^[0-7]{3}$/.test(c)) return String.fromCharCode(parseInt(c, 8));
    return { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' }[c] ?? c;
  });
}

// ---- parsing ----

const FUNCS = new Set(['index', 'printf', 'print', 'println', 'len', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not', 'slice', 'base64decode', 'exists', 'html', 'js', 'urlquery', 'call']);

class TokStream {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly line: number,
  ) {}
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  next(): Tok | undefined {
    return this.toks[this.i++];
  }
}

function parsePipeline(ts: TokStream, inParen = false): Expr {
  const pipe: Extract<Expr, { t: 'pipe' }> = { t: 'pipe', cmds: [] };
  // Declarations: `$x :=`, `$i, $e :=`.
  const save = ts.i;
  const vars: string[] = [];
  while (ts.peek()?.k === 'var' && !ts.peek()!.v.includes('.', 1)) {
    vars.push(ts.next()!.v);
    const n = ts.peek();
    if (n?.k === 'comma') {
      ts.next();
      continue;
    }
    if (n?.k === 'decl' || n?.k === 'assign') {
      ts.next();
      pipe.decl = vars;
      pipe.assign = n.k === 'assign';
    }
    break;
  }
  if (!pipe.decl) ts.i = save;
  for (;;) {
    const args: Expr[] = [];
    for (;;) {
      const t = ts.peek();
      if (!t || t.k === 'pipe' || t.k === 'rparen') break;
      args.push(parseOperand(ts));
    }
    if (args.length === 0) throw new TemplateError(`template: output:${ts.line}: missing value for command`);
    const head = args[0]!;
    if (head.t === 'call' && head.args.length === 0 && FUNCS.has(head.fn)) pipe.cmds.push({ t: 'call', fn: head.fn, args: args.slice(1) });
    else if (args.length === 1) pipe.cmds.push(head);
    else if (head.t === 'field' || head.t === 'var') pipe.cmds.push(head);
    else throw new TemplateError(`template: output:${ts.line}: can't give argument to non-function ${show(head)}`);
    if (ts.peek()?.k === 'pipe') {
      ts.next();
      continue;
    }
    break;
  }
  if (!inParen && ts.peek()) throw new TemplateError(`template: output:${ts.line}: unexpected ${JSON.stringify(ts.peek()!.v)} in operand`);
  return pipe;
}

function show(e: Expr): string {
  return e.t === 'str' ? JSON.stringify(e.v) : e.t === 'num' ? String(e.v) : e.t;
}

function parseOperand(ts: TokStream): Expr {
  const t = ts.next()!;
  let e: Expr;
  switch (t.k) {
    case 'field':
      e = { t: 'field', base: null, names: t.v.slice(1).split('.') };
      break;
    case 'var': {
      const [name, ...names] = t.v.split('.');
      e = { t: 'var', name: name!, names };
      break;
    }
    case 'str':
      e = { t: 'str', v: t.v };
      break;
    case 'num':
      e = { t: 'num', v: Number(t.v) };
      break;
    case 'dot':
      e = { t: 'dot' };
      break;
    case 'ident':
      if (t.v === 'true' || t.v === 'false') e = { t: 'bool', v: t.v === 'true' };
      else if (t.v === 'nil') e = { t: 'nil' };
      else if (FUNCS.has(t.v)) e = { t: 'call', fn: t.v, args: [] };
      else throw new TemplateError(`template: output:${ts.line}: function ${JSON.stringify(t.v)} not defined`);
      break;
    case 'lparen': {
      const inner = parsePipeline(ts, true);
      if (ts.next()?.k !== 'rparen') throw new TemplateError(`template: output:${ts.line}: unclosed left paren`);
      e = inner;
      // (pipeline).field
      const f = ts.peek();
      if (f?.k === 'field' && ts.toks[ts.i - 1]?.k === 'rparen') {
        ts.next();
        e = { t: 'field', base: e, names: f.v.slice(1).split('.') };
      }
      break;
    }
    default:
      throw new TemplateError(`template: output:${ts.line}: unexpected ${JSON.stringify(t.v)} in operand`);
  }
  return e;
}

interface RawAction {
  text: string;
  line: number;
}

/** Parses a template into nodes; errors read like Go's (`template: output:1: ...`). */
export function parseGoTemplate(src: string): Node[] {
  const items: (string | RawAction)[] = [];
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      items.push(src.slice(i));
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src.startsWith('- ', start) || src.startsWith('-\t', start) || src.startsWith('-\n', start)) {
      text = text.replace(/\s+$/, '');
      start++;
    }
    items.push(text);
    line += (src.slice(i, open).match(/\n/g) ?? []).length;
    let close = -1;
    let q: string | undefined;
    for (let j = start; j < src.length - 1; j++) {
      const c = src[j]!;
      if (q) {
        if (c === '\\' && q === '"') j++;
        else if (c === q) q = undefined;
      } else if (c === '"' || c === '`' || c === "'") q = c;
      else if (src.startsWith('}}', j)) {
        close = j;
        break;
      }
    }
    if (close < 0) throw new TemplateError(`template: output:${line}: unclosed action`);
    let inner = src.slice(start, close);
    let next = close + 2;
    if (/\s-$/.test(inner)) {
      inner = inner.slice(0, -1);
      const m = src.slice(next).match(/^\s*/)!;
      next += m[0].length;
    }
    items.push({ text: inner.trim(), line });
    line += (src.slice(open, next).match(/\n/g) ?? []).length;
    i = next;
  }
  let pos = 0;
  const parseList = (ends: string[], single = false): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (pos < items.length) {
      const it = items[pos++]!;
      if (typeof it === 'string') {
        if (it) nodes.push({ t: 'text', s: it });
        continue;
      }
      const text = it.text;
      if (text.startsWith('/*')) continue;
      const word = text.match(/^[a-z]+/)?.[0] ?? '';
      if (word === 'end' || word === 'else') {
        if (!ends.includes('end')) throw new TemplateError(`template: output:${it.line}: unexpected {{${word}}}`);
        if (word === 'else' && text !== 'else') {
          // else if ...: parse as a nested if that closes the same end.
          pos--;
          items[pos] = { text: text.slice(4).trim(), line: it.line };
          return { nodes, end: 'elseif' };
        }
        return { nodes, end: word };
      }
      if (word === 'if' || word === 'with' || word === 'range') {
        const pipe = parsePipeline(new TokStream(lexAction(text.slice(word.length), it.line), it.line));
        const body = parseList(['end', 'else']);
        let alt: Node[] = [];
        if (body.end === 'else') alt = parseList(['end']).nodes;
        // `else if X`: the rewritten `if X` item is parsed as the alternative; it owns the `end`.
        else if (body.end === 'elseif') alt = parseList([], true).nodes;
        nodes.push({ t: word, pipe, body: body.nodes, alt });
        if (single) return { nodes, end: '' };
        continue;
      }
      if (word === 'define' || word === 'template' || word === 'block') throw new TemplateError(`template: output:${it.line}: {{${word}}} is not supported in kubeplay`);
      nodes.push({ t: 'action', pipe: parsePipeline(new TokStream(lexAction(text, it.line), it.line)) });
    }
    if (ends.length) throw new TemplateError(`template: output:${items.length ? (items.filter((x) => typeof x !== 'string').pop() as RawAction | undefined)?.line ?? 1 : 1}: unexpected EOF`);
    return { nodes, end: '' };
  };
  return parseList([]).nodes;
}

// ---- execution ----

const MISSING = Symbol('missing');
type Value = unknown;

interface Scope {
  vars: Map<string, Value>[];
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function lookupVar(scope: Scope, name: string): Value {
  for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i]!.has(name)) return scope.vars[i]!.get(name);
  throw new TemplateError(`template: output: undefined variable: ${name}`);
}

function fieldsOf(v: Value, names: string[]): Value {
  let cur = v;
  for (const n of names) {
    if (cur === MISSING || cur === null || cur === undefined) return MISSING;
    if (!isMap(cur)) throw new TemplateError(`template: output: executing "output" at <.${n}>: can't evaluate field ${n} in type ${goType(cur)}`);
    cur = n in cur ? cur[n] : MISSING;
  }
  return cur;
}

function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

function evalExpr(e: Expr, dot: Value, scope: Scope, piped?: Value[]): Value {
  switch (e.t) {
    case 'dot':
      return dot;
    case 'str':
    case 'num':
    case 'bool':
      return e.v;
    case 'nil':
      return null;
    case 'field': {
      const base = e.base ? evalExpr(e.base, dot, scope) : dot;
      return fieldsOf(base, e.names);
    }
    case 'var':
      return fieldsOf(lookupVar(scope, e.name), e.names);
    case 'call':
      return callFn(e.fn, [...e.args.map((a) => evalExpr(a, dot, scope)), ...(piped ?? [])]);
    case 'pipe': {
      let v: Value = undefined;
      e.cmds.forEach((c, i) => {
        v = evalExpr(c, dot, scope, i === 0 ? undefined : [v]);
      });
      if (e.decl) {
        const target = e.assign ? scope.vars.findLast((m) => m.has(e.decl![0]!)) : scope.vars[scope.vars.length - 1];
        (target ?? scope.vars[scope.vars.length - 1]!).set(e.decl[e.decl.length - 1]!, v);
      }
      return v;
    }
  }
}

function truth(v: Value): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isMap(v)) return Object.keys(v).length > 0;
  return true;
}

function basic(v: Value): number | string | boolean {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  throw new TemplateError('error calling eq: invalid type for comparison');
}

function callFn(fn: string, args: Value[]): Value {
  const a = args.map((x) => (x === MISSING ? null : x));
  switch (fn) {
    case 'index': {
      let cur = a[0];
      for (const k of a.slice(1)) {
        if (Array.isArray(cur)) {
          if (typeof k !== 'number' || k < 0 || k >= cur.length) throw new TemplateError(`error calling index: index out of range: ${String(k)}`);
          cur = cur[k];
        } else if (isMap(cur)) cur = String(k) in cur ? cur[String(k)] : MISSING;
        else if (cur === null || cur === undefined) throw new TemplateError('error calling index: index of untyped nil');
        else throw new TemplateError(`error calling index: can't index item of type ${goType(cur)}`);
      }
      return cur;
    }
    case 'len': {
      const v = a[0];
      if (Array.isArray(v) || typeof v === 'string') return v.length;
      if (isMap(v)) return Object.keys(v).length;
      throw new TemplateError(`error calling len: len of ${v === null ? 'nil pointer' : `type ${goType(v)}`}`);
    }
    case 'printf':
      return sprintf(String(a[0] ?? ''), a.slice(1));
    case 'print':
      return a.map((x, i) => (i > 0 && typeof x !== 'string' && typeof a[i - 1] !== 'string' ? ' ' : '') + fmtValue(x)).join('');
    case 'println':
      return `${a.map(fmtValue).join(' ')}\n`;
    case 'eq':
      return a.slice(1).some((x) => basic(a[0]) === basic(x));
    case 'ne':
      return basic(a[0]) !== basic(a[1]);
    case 'lt':
      return basic(a[0]) < basic(a[1]);
    case 'le':
      return basic(a[0]) <= basic(a[1]);
    case 'gt':
      return basic(a[0]) > basic(a[1]);
    case 'ge':
      return basic(a[0]) >= basic(a[1]);
    case 'and':
      return a.find((x) => !truth(x)) ?? a[a.length - 1];
    case 'or':
      return a.find((x) => truth(x)) ?? a[a.length - 1];
    case 'not':
      return !truth(a[0]);
    case 'slice': {
      const v = a[0];
      if (typeof v === 'string' || Array.isArray(v)) return v.slice(Number(a[1] ?? 0), a[2] === undefined ? undefined : Number(a[2]));
      throw new TemplateError(`error calling slice: can't slice item of type ${goType(v)}`);
    }
    case 'base64decode':
      try {
        return new TextDecoder().decode(Uint8Array.from(atob(String(a[0] ?? '')), (c) => c.charCodeAt(0)));
      } catch {
        throw new TemplateError('error calling base64decode: illegal base64 data at input byte 0');
      }
    case 'exists': {
      let cur = a[0];
      for (const k of a.slice(1)) {
        if (!isMap(cur) || !(String(k) in cur)) return false;
        cur = cur[String(k)];
      }
      return true;
    }
    case 'html':
      return a.map(fmtValue).join('').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
    case 'js':
    case 'urlquery':
      return a.map(fmtValue).join('');
    default:
      throw new TemplateError(`function ${JSON.stringify(fn)} not defined`);
  }
}

/** fmt's %v of an unstructured value. */
export function fmtValue(v: Value): string {
  if (v === MISSING) return '<no value>';
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(fmtValue).join(' ')}]`;
  if (isMap(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${fmtValue(v[k])}`)
      .join(' ')}]`;
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e\+?(-?)(\d)$/, 'e$1+0$2').replace(/e\+?(-?)(\d\d+)$/, (_, sign: string, d: string) => `e${sign || '+'}${d}`);
}

/** fmt.Sprintf for the verbs templates use (%s %d %v %q %f %x %t %%, widths, `-`, `0`). */
export function sprintf(format: string, args: Value[]): string {
  let ai = 0;
  return format.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (ai >= args.length) return `%!${verb}(MISSING)`;
    const v = args[ai++];
    let s: string;
    switch (verb) {
      case 'd':
        s = typeof v === 'number' ? String(Math.trunc(v)) : `%!d(${goType(v)}=${fmtValue(v)})`;
        break;
      case 'f':
        s = typeof v === 'number' ? v.toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${goType(v)}=${fmtValue(v)})`;
        break;
      case 'q':
        s = JSON.stringify(typeof v === 'string' ? v : fmtValue(v));
        break;
      case 'x':
        s = typeof v === 'number' ? v.toString(16) : [...new TextEncoder().encode(String(v))].map((b) => b.toString(16).padStart(2, '0')).join('');
        break;
      case 't':
        s = String(v);
        break;
      default:
        s = fmtValue(v);
        if (prec !== undefined && verb === 's') s = s.slice(0, Number(prec));
    }
    const w = width ? Number(width) : 0;
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && verb !== 's' ? '0' : ' ');
    return s;
  });
}

function execNodes(nodes: Node[], dot: Value, scope: Scope, out: string[]): void {
  for (const n of nodes) {
    switch (n.t) {
      case 'text':
        out.push(n.s);
        break;
      case 'action': {
        const v = evalExpr(n.pipe, dot, scope);
        if (!(n.pipe.t === 'pipe' && n.pipe.decl)) out.push(fmtValue(v));
        break;
      }
      case 'if':
      case 'with': {
        scope.vars.push(new Map());
        const v = evalExpr(n.pipe, dot, scope);
        if (truth(v)) execNodes(n.body, n.t === 'with' ? v : dot, scope, out);
        else execNodes(n.alt, dot, scope, out);
        scope.vars.pop();
        break;
      }
      case 'range': {
        const pipe = n.pipe as Extract<Expr, { t: 'pipe' }>;
        const decl = pipe.decl;
        const v = evalExpr({ ...pipe, decl: undefined } as Expr, dot, scope);
        const entries: [Value, Value][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : isMap(v)
            ? Object.keys(v)
                .sort()
                .map((k) => [k, v[k]])
            : [];
        if (v !== MISSING && v !== null && v !== undefined && !Array.isArray(v) && !isMap(v) && typeof v !== 'number')
          throw new TemplateError(`range can't iterate over ${fmtValue(v)}`);
        if (typeof v === 'number') for (let i = 0; i < v; i++) entries.push([i, i]);
        if (entries.length === 0) {
          execNodes(n.alt, dot, scope, out);
          break;
        }
        for (const [k, x] of entries) {
          const frame = new Map<string, Value>();
          if (decl?.length === 1) frame.set(decl[0]!, x);
          if (decl?.length === 2) {
            frame.set(decl[0]!, k);
            frame.set(decl[1]!, x);
          }
          scope.vars.push(frame);
          execNodes(n.body, x, scope, out);
          scope.vars.pop();
        }
        break;
      }
    }
  }
}

/** Renders a parsed template against data; throws TemplateError on execution errors. */
export function executeGoTemplate(nodes: Node[], data: unknown): string {
  const out: string[] = [];
  execNodes(nodes, data, { vars: [new Map([['$', data]])] }, out);
  return out.join('');
}
