// kubectl's JSONPath templates, ported from k8s.io/client-go/util/jsonpath (parser.go,
// jsonpath.go): text and {actions}; fields (escaped dots), `..` recursive descent, `*`
// wildcards, [i], [a:b:c] slices, [a,b] unions, ['key'], [?(@.x op v)] filters and
// [?(@.x)] existence, quoted literals, range/end, and the parser's and evaluator's error
// words. Missing keys print nothing (kubectl's --allow-missing-template-keys=true).

export class JsonPathError extends Error {}

type PNode =
  | { t: 'field'; name: string }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'array'; params: Param[] }
  | { t: 'union'; lists: PNode[][] }
  | { t: 'filter'; left: PNode[]; right: PNode[]; op: string }
  | { t: 'text'; s: string }
  | { t: 'int'; v: number }
  | { t: 'float'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'ident'; name: string };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

/** A top-level item: plain text, or one {action}'s node list. */
export type TopNode = { t: 'text'; s: string } | { t: 'list'; nodes: PNode[] } | { t: 'expr'; path: string };

const EOF = '';

class Parser {
  pos = 0;
  start = 0;
  constructor(readonly input: string) {}
  next(): string {
    if (this.pos >= this.input.length) {
      this.pos++;
      return EOF;
    }
    return this.input[this.pos++]!;
  }
  peek(): string {
    return this.pos >= this.input.length ? EOF : this.input[this.pos]!;
  }
  backup(): void {
    this.pos--;
  }
  consume(): string {
    const s = this.input.slice(this.start, Math.min(this.pos, this.input.length));
    this.start = this.pos;
    return s;
  }
  rest(): string {
    return this.input.slice(this.pos);
  }
}

const isSpace = (r: string) => r === ' ' || r === '\t';
const isEol = (r: string) => r === '\r' || r === '\n';
const isAlnum = (r: string) => r !== EOF && (r === '_' || /[\p{L}\p{Nd}]/u.test(r));
const isTerminator = (r: string) => isSpace(r) || isEol(r) || [EOF, '.', ',', '[', ']', '$', '@', '{', '}'].includes(r);

/** Parses a whole template; errors are `error parsing jsonpath <tpl>, <why>` as kubectl prints. */
export function parseTemplate(tpl: string): TopNode[] {
  try {
    return parseTop(tpl);
  } catch (e) {
    if (e instanceof JsonPathError) throw new JsonPathError(`error parsing jsonpath ${tpl}, ${e.message}`);
    throw e;
  }
}

function parseTop(tpl: string): TopNode[] {
  const p = new Parser(tpl);
  const out: TopNode[] = [];
  for (;;) {
    if (p.rest().startsWith('{')) {
      if (p.pos > p.start) out.push({ t: 'text', s: p.consume() });
      p.pos++;
      p.consume();
      const nodes: PNode[] = [];
      insideAction(p, nodes);
      out.push({ t: 'list', nodes });
      continue;
    }
    if (p.next() === EOF) break;
  }
  p.pos = Math.min(p.pos, tpl.length);
  if (p.pos > p.start) out.push({ t: 'text', s: p.consume() });
  return out;
}

/** Parses `text` as the inside of one action (filters and unions parse their parts so). */
function parseAction(text: string): PNode[] {
  const p = new Parser(`${text}}`);
  const nodes: PNode[] = [];
  insideAction(p, nodes);
  return nodes;
}

function insideAction(p: Parser, cur: PNode[]): void {
  for (;;) {
    const rest = p.rest();
    if (rest.startsWith('}')) {
      p.pos++;
      p.consume();
      return;
    }
    if (rest.startsWith('[?(')) {
      parseFilter(p, cur);
      continue;
    }
    if (rest.startsWith('..')) {
      const last = cur[cur.length - 1];
      if (last?.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
      p.pos += 2;
      p.consume();
      cur.push({ t: 'recursive' });
      if (isAlnum(p.peek())) parseField(p, cur);
      continue;
    }
    const r = p.next();
    if (r === EOF || isEol(r)) throw new JsonPathError('unclosed action');
    if (r === ' ' || r === '@' || r === '$') p.consume();
    else if (r === '[') parseArray(p, cur);
    else if (r === '"' || r === "'") parseQuote(p, cur, r);
    else if (r === '.') parseField(p, cur);
    else if (r === '+' || r === '-' || /\d/.test(r)) {
      p.backup();
      parseNumber(p, cur);
    } else if (isAlnum(r)) {
      p.backup();
      parseIdentifier(p, cur);
    } else throw new JsonPathError(`unrecognized character in action: U+${r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${r}'`);
  }
}

function parseField(p: Parser, cur: PNode[]): void {
  p.consume();
  for (;;) {
    const r = p.next();
    if (r === '\\') p.next();
    else if (isTerminator(r)) {
      p.backup();
      break;
    }
  }
  const value = p.consume();
  cur.push(value === '*' ? { t: 'wildcard' } : { t: 'field', name: value.replace(/\\/g, '') });
}

function parseIdentifier(p: Parser, cur: PNode[]): void {
  for (;;) {
    const r = p.next();
    if (isTerminator(r)) {
      p.backup();
      break;
    }
  }
  const value = p.consume();
  const b = goParseBool(value);
  cur.push(b === undefined ? { t: 'ident', name: value } : { t: 'bool', v: b });
}

function goParseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

function parseNumber(p: Parser, cur: PNode[]): void {
  const r = p.peek();
  if (r === '+' || r === '-') p.next();
  for (;;) {
    const c = p.next();
    if (c !== '.' && !/\d/.test(c)) {
      p.backup();
      break;
    }
  }
  const value = p.consume();
  if (/^[+-]?\d+$/.test(value)) cur.push({ t: 'int', v: Number(value) });
  else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.push({ t: 'float', v: Number(value) });
  else throw new JsonPathError(`cannot parse number ${value}`);
}

function parseQuote(p: Parser, cur: PNode[], end: string): void {
  for (;;) {
    const r = p.next();
    if (r === EOF || r === '\n') throw new JsonPathError('unterminated quoted string');
    if (r === '\\') {
      const n = p.next();
      if (n === EOF || n === '\n') throw new JsonPathError('unterminated quoted string');
    } else if (r === end) break;
  }
  const value = p.consume();
  cur.push({ t: 'text', s: unquoteExtend(value) });
}

/** strconv.Unquote, also for single-quoted strings (UnquoteExtend). */
function unquoteExtend(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.startsWith('x') && c.length === 3) return String.fromCharCode(parseInt(c.slice(1), 16));
    if (c.startsWith('u') && c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' }[c] ?? c;
  });
}

function parseArray(p: Parser, cur: PNode[]): void {
  for (;;) {
    const r = p.next();
    if (r === EOF || r === '\n') throw new JsonPathError('unterminated array');
    if (r === ']') break;
  }
  let text = p.consume();
  text = text.slice(1, -1);
  if (text === '*') text = ':';
  const strs = text.split(',');
  if (strs.length > 1) {
    cur.push({ t: 'union', lists: strs.map((s) => parseAction(`[${s.trim()}]`)) });
    return;
  }
  const dict = text.match(/^'([^']*)'$/);
  if (dict) {
    cur.push(...parseAction(`.${dict[1]}`));
    return;
  }
  const m = text.match(/^(-?\d*)(:-?\d*)?(:-?\d*)?$/);
  if (!m) throw new JsonPathError(`invalid array index ${text}`);
  const params: Param[] = [0, 1, 2].map(() => ({ value: 0, known: false, derived: false }));
  for (let i = 1; i <= 3; i++) {
    let v = m[i];
    if (v !== undefined && v !== '') {
      if (i > 1) v = v.slice(1);
      if (i > 1 && v === '') params[i - 1]!.known = false;
      else {
        if (!/^[+-]?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
        params[i - 1] = { value: Number(v), known: true, derived: false };
      }
    } else if (i === 2) params[1] = { value: params[0]!.value + 1, known: true, derived: true };
  }
  cur.push({ t: 'array', params });
}

function parseFilter(p: Parser, cur: PNode[]): void {
  p.pos += 3;
  p.consume();
  let begin = false;
  let end = false;
  let pair = '';
  for (;;) {
    const r = p.next();
    if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
    if (r === '"' || r === "'") {
      if (!begin) {
        begin = true;
        pair = r;
        continue;
      }
      if (p.input[p.pos - 2] !== '\\' && r === pair) end = true;
    } else if (r === ')' && begin === end) break;
  }
  if (p.next() !== ']') throw new JsonPathError('unclosed array expect ]');
  let text = p.consume();
  text = text.slice(0, -2);
  const m = text.match(/^([^!<>=]+)([!<>=]+)(.+?)$/s);
  if (!m) cur.push({ t: 'filter', left: parseAction(text), right: [], op: 'exists' });
  else cur.push({ t: 'filter', left: parseAction(m[1]!), right: parseAction(m[3]!), op: m[2]! });
}

// ---- evaluation ----

interface RangeState {
  beginRange: number;
  inRange: number;
  endRange: number;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return 'interface {}';
}

function walk(input: unknown[], node: PNode, st: RangeState): unknown[] {
  switch (node.t) {
    case 'text':
      return [node.s];
    case 'int':
    case 'float':
    case 'bool':
      return [node.v];
    case 'field': {
      if (node.name === '') return input;
      const out: unknown[] = [];
      for (const v of input) if (isMap(v) && node.name in v) out.push(v[node.name]);
      return out;
    }
    case 'wildcard': {
      const out: unknown[] = [];
      for (const v of input) {
        if (isMap(v)) for (const k of Object.keys(v).sort()) out.push(v[k]);
        else if (Array.isArray(v)) out.push(...v);
      }
      return out;
    }
    case 'recursive':
      return recursive(input);
    case 'array':
      return evalArray(input, node.params);
    case 'union':
      return node.lists.flatMap((l) => walkList(input, l, st));
    case 'filter':
      return evalFilter(input, node, st);
    case 'ident':
      if (node.name === 'range') {
        st.beginRange++;
        return input;
      }
      if (node.name === 'end') {
        if (st.inRange > 0) {
          st.endRange++;
          return input;
        }
        throw new JsonPathError('not in range, nothing to end');
      }
      throw new JsonPathError(`unrecognized identifier ${node.name}`);
  }
}

function walkList(input: unknown[], nodes: PNode[], st: RangeState): unknown[] {
  let cur = input;
  for (const n of nodes) cur = walk(cur, n, st);
  return cur;
}

function recursive(input: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of input) {
    if (v === null || v === undefined) continue;
    let children: unknown[] = [];
    if (isMap(v)) children = Object.keys(v).sort().map((k) => v[k]);
    else if (Array.isArray(v)) children = v;
    if (children.length) {
      out.push(v);
      out.push(...recursive(children));
    }
  }
  return out;
}

function evalArray(input: unknown[], template: Param[]): unknown[] {
  const out: unknown[] = [];
  for (const v of input) {
    if (v === null || v === undefined) continue;
    if (!Array.isArray(v)) throw new JsonPathError(`${goType(v)} is not array or slice`);
    const params = template.map((p) => ({ ...p }));
    const len = v.length;
    if (!params[0]!.known) params[0]!.value = 0;
    if (params[0]!.value < 0) params[0]!.value += len;
    if (!params[1]!.known) params[1]!.value = len;
    if (params[1]!.value < 0 || (params[1]!.value === 0 && params[1]!.derived)) params[1]!.value += len;
    const a = params[0]!.value;
    const b = params[1]!.value;
    if (b === a) continue;
    if (a >= len || a < 0) throw new JsonPathError(`array index out of bounds: index ${a}, length ${len}`);
    if (b > len || b < 0) throw new JsonPathError(`array index out of bounds: index ${b - 1}, length ${len}`);
    if (a > b) throw new JsonPathError(`starting index ${a} is greater than ending index ${b}`);
    let step = 1;
    if (params[2]!.known) {
      if (params[2]!.value <= 0) throw new JsonPathError('step must be > 0');
      step = params[2]!.value;
    }
    const slice = v.slice(a, b);
    for (let i = 0; i < slice.length; i += step) out.push(slice[i]);
  }
  return out;
}

function evalFilter(input: unknown[], node: Extract<PNode, { t: 'filter' }>, st: RangeState): unknown[] {
  const out: unknown[] = [];
  for (const v of input) {
    if (!Array.isArray(v)) throw new JsonPathError(`${goValue(v)} is not array or slice and cannot be filtered`);
    for (const item of v) {
      let lefts: unknown[];
      try {
        lefts = walkList([item], node.left, st);
      } catch (e) {
        if (node.op === 'exists') continue;
        throw e;
      }
      if (node.op === 'exists') {
        if (lefts.length > 0) out.push(item);
        continue;
      }
      if (lefts.length === 0) continue;
      if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
      const rights = walkList([item], node.right, st);
      if (rights.length === 0) continue;
      if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
      if (compare(lefts[0], rights[0], node.op)) out.push(item);
    }
  }
  return out;
}

/** text/template's eq/ne/lt/... on basic kinds. */
function compare(a: unknown, b: unknown, op: string): boolean {
  const kind = (x: unknown) => (typeof x === 'number' ? 'number' : typeof x === 'string' ? 'string' : typeof x === 'boolean' ? 'bool' : 'other');
  if (kind(a) === 'other' || kind(b) === 'other') {
    if (op === '==' || op === '!=') throw new JsonPathError('invalid type for comparison');
    throw new JsonPathError('invalid type for comparison');
  }
  if (kind(a) !== kind(b)) throw new JsonPathError('incompatible types for comparison');
  if (kind(a) === 'bool' && !['==', '!='].includes(op)) throw new JsonPathError('invalid type for comparison');
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
    default:
      throw new JsonPathError(`unrecognized filter operator ${op}`);
  }
}

/** FindResults: each top-level item's results, with range/end blocks repeated per item. */
function findResults(nodes: TopNode[], data: unknown, st: RangeState): { out: unknown[][]; endAt: number } {
  const out: unknown[][] = [];
  const cur = [data];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const results = node.t === 'text' ? [node.s] : node.t === 'list' ? walkList(cur, node.nodes, st) : walkList(cur, parseAction(node.path), st);
    if (st.endRange > 0 && st.endRange <= st.inRange) {
      st.endRange--;
      return { out, endAt: i };
    }
    if (st.beginRange > 0) {
      st.beginRange--;
      st.inRange++;
      const rest = nodes.slice(i + 1);
      let endAt = -1;
      if (results.length) {
        for (const v of results) {
          const r = findResults(rest, v, st);
          out.push(...r.out);
          endAt = r.endAt;
        }
      } else endAt = findResults(rest, null, st).endAt;
      st.inRange--;
      if (endAt >= 0 && endAt < rest.length) i = i + 1 + endAt;
      continue;
    }
    out.push(results);
  }
  return { out, endAt: -1 };
}

/** Go's fmt.Print of a scalar; maps and lists print as JSON with sorted keys. */
function printResult(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

/** encoding/json of an unstructured value: sorted keys, <>& escaped. */
export function goJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : isMap(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])])) : x;
  return JSON.stringify(sort(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** Renders a template against data (kubectl's JSONPathPrinter). Throws JsonPathError. */
export function jsonpath(template: string, data: unknown): string {
  return renderNodes(parseTemplate(template), data);
}

export function renderNodes(nodes: TopNode[], data: unknown, asJson = false): string {
  const { out } = findResults(nodes, data, { beginRange: 0, inRange: 0, endRange: 0 });
  if (asJson) {
    const flat = out.flat();
    return `${JSON.stringify(flat.length === 1 ? flat : flat, null, 4)}\n`;
  }
  return out.map((rs) => rs.map(printResult).join(' ')).join('');
}

/** The results of one path (`.a.b[0]`) against data, for sort-by, wait and custom columns. */
export function evaluate(path: string, data: unknown): unknown[] {
  const nodes = parseAction(path);
  return walkList([data], nodes, { beginRange: 0, inRange: 0, endRange: 0 });
}

/** get.RelaxedJSONPathExpression: `.a.b`, `a.b`, `{.a.b}` -> `{.a.b}`. */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = expr.match(/^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/);
  if (!m) throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] ?? m[2]}}`;
}

/** The `template was / object given to jsonpath engine was` error kubectl prints. */
export function executionError(template: string, message: string, data: unknown): string {
  return `error executing jsonpath ${JSON.stringify(template)}: Error executing template: ${message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${template}\n\tobject given to jsonpath engine was:\n\t\t${goValue(data)}\n\n`;
}

/** Go's %#v of an unstructured value. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (Array.isArray(v)) return `[]interface {}{${v.map(goValue).join(', ')}}`;
  if (isMap(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goValue(v[k])}`).join(', ')}}`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** Every result of a template, flattened (wait --for=jsonpath, custom columns, sort-by). */
export function templateResults(nodes: TopNode[], data: unknown): unknown[] {
  return findResults(nodes, data, { beginRange: 0, inRange: 0, endRange: 0 }).out.flat();
}
