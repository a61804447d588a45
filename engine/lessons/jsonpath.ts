// The subset of kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath) that lesson checks
// use: a template of literal text and `{...}` expressions; inside an expression `.field`,
// `['field']`, `[n]` (negative from the end), `[a:b]`, `[*]`, `..field` (recursive descent)
// and filters `[?(@.x == "y")]`, `[?(@.x)]`, with == != < <= > >=. Output is formatted as
// `kubectl get -o jsonpath` prints it: strings raw, other values as compact JSON, several
// results of one expression joined by a space; a missing key yields nothing (kubectl get
// allows missing keys). `{range}`/`{end}` are not supported and are rejected.

export class JsonPathError extends Error {}

type Segment =
  | { t: 'field'; name: string }
  | { t: 'recurse'; name: string | '*' }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number }
  | { t: 'wildcard' }
  | { t: 'filter'; path: Segment[]; op?: FilterOp; value?: unknown };

type FilterOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

type Part = { t: 'text'; text: string } | { t: 'expr'; segments: Segment[] };

/** Parses a template such as `{.spec.replicas}` or `{.metadata.name}={.status.phase}`; throws JsonPathError. */
export function parseJsonPath(template: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  let text = '';
  while (i < template.length) {
    const c = template[i]!;
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    const close = findClose(template, i);
    if (close < 0) throw new JsonPathError(`unclosed action in ${JSON.stringify(template)}`);
    if (text) parts.push({ t: 'text', text });
    text = '';
    parts.push({ t: 'expr', segments: parsePath(template.slice(i + 1, close).trim(), template) });
    i = close + 1;
  }
  if (text) parts.push({ t: 'text', text });
  return parts;
}

/** Evaluates a parsed template against a value and formats it as kubectl prints it. */
export function formatJsonPath(parts: Part[], data: unknown): { text: string; found: boolean } {
  let text = '';
  let found = true;
  for (const p of parts) {
    if (p.t === 'text') {
      text += p.text;
      continue;
    }
    const values = select(p.segments, [data]);
    if (values.length === 0) found = false;
    text += values.map(formatValue).join(' ');
  }
  return { text, found };
}

/** Parse + evaluate in one call. */
export function evalJsonPath(template: string, data: unknown): { text: string; found: boolean } {
  return formatJsonPath(parseJsonPath(template), data);
}

function findClose(s: string, open: number): number {
  let quote = '';
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

function parsePath(src: string, template: string): Segment[] {
  if (src === 'range' || src.startsWith('range ') || src === 'end')
    throw new JsonPathError(`{${src}} is not supported in lesson checks; use [*] instead`);
  let s = src;
  if (s.startsWith('$')) s = s.slice(1);
  if (s === '' || s === '@') return [];
  const segs: Segment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new JsonPathError(`${why} in ${JSON.stringify(template)}`);
  };
  const readName = (): string => {
    const m = /^[A-Za-z0-9_\-/]+|^\*/.exec(s.slice(i));
    if (!m) fail(`expected a field name at "${s.slice(i)}"`);
    i += m![0].length;
    return m![0];
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === '.') {
      if (s[i + 1] === '.') {
        i += 2;
        segs.push({ t: 'recurse', name: readName() });
        continue;
      }
      i++;
      if (i >= s.length) break; // `{.}` is the whole object
      if (s[i] === '[') continue;
      const name = readName();
      segs.push(name === '*' ? { t: 'wildcard' } : { t: 'field', name });
      continue;
    }
    if (c === '[') {
      const close = findBracketClose(s, i);
      if (close < 0) fail('unclosed [');
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      segs.push(parseBracket(inner, fail));
      continue;
    }
    fail(`unexpected "${c}"`);
  }
  return segs;
}

function findBracketClose(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function parseBracket(inner: string, fail: (why: string) => never): Segment {
  if (inner === '*') return { t: 'wildcard' };
  const quoted = /^(['"])(.*)\1$/.exec(inner);
  if (quoted) return { t: 'field', name: quoted[2]! };
  if (/^-?\d+$/.test(inner)) return { t: 'index', i: Number(inner) };
  const slice = /^(-?\d+)?:(-?\d+)?$/.exec(inner);
  if (slice)
    return { t: 'slice', ...(slice[1] !== undefined ? { start: Number(slice[1]) } : {}), ...(slice[2] !== undefined ? { end: Number(slice[2]) } : {}) };
  const filter = /^\?\((.*)\)$/.exec(inner);
  if (filter) {
    const body = filter[1]!.trim();
    const m = /^@((?:\.[A-Za-z0-9_\-/]+|\[[^\]]*\])*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(body);
    if (m) return { t: 'filter', path: subPath(m[1]!, fail), op: m[2] as FilterOp, value: literal(m[3]!.trim(), fail) };
    const exists = /^@((?:\.[A-Za-z0-9_\-/]+|\[[^\]]*\])*)$/.exec(body);
    if (exists) return { t: 'filter', path: subPath(exists[1]!, fail) };
    fail(`unsupported filter "${body}"`);
  }
  return fail(`unsupported [${inner}]`);
}

function subPath(p: string, fail: (why: string) => never): Segment[] {
  try {
    return parsePath(p, p);
  } catch (e) {
    return fail((e as Error).message);
  }
}

function literal(v: string, fail: (why: string) => never): unknown {
  const q = /^(['"])(.*)\1$/.exec(v);
  if (q) return q[2];
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return fail(`unsupported value ${v} in filter`);
}

function select(segs: Segment[], input: unknown[]): unknown[] {
  let cur = input;
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const v of cur) step(seg, v, next);
    cur = next;
  }
  return cur;
}

function step(seg: Segment, v: unknown, out: unknown[]): void {
  switch (seg.t) {
    case 'field':
      if (isObject(v) && Object.prototype.hasOwnProperty.call(v, seg.name)) out.push(v[seg.name]);
      return;
    case 'wildcard':
      if (Array.isArray(v)) out.push(...v);
      else if (isObject(v)) out.push(...Object.keys(v).sort().map((k) => v[k]));
      return;
    case 'index':
      if (Array.isArray(v)) {
        const i = seg.i < 0 ? v.length + seg.i : seg.i;
        if (i >= 0 && i < v.length) out.push(v[i]);
      }
      return;
    case 'slice':
      if (Array.isArray(v)) out.push(...v.slice(seg.start, seg.end));
      return;
    case 'recurse':
      recurse(v, seg.name, out);
      return;
    case 'filter': {
      const items = Array.isArray(v) ? v : isObject(v) ? Object.keys(v).sort().map((k) => v[k]) : [];
      for (const item of items) if (filterMatches(seg, item)) out.push(item);
      return;
    }
  }
}

function recurse(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) {
    for (const x of v) recurse(x, name, out);
    return;
  }
  if (!isObject(v)) return;
  for (const k of Object.keys(v).sort()) {
    if (name === '*' || k === name) out.push(v[k]);
    recurse(v[k], name, out);
  }
}

function filterMatches(seg: Extract<Segment, { t: 'filter' }>, item: unknown): boolean {
  const got = select(seg.path, [item]);
  if (seg.op === undefined) return got.length > 0;
  if (got.length === 0) return false;
  const a = got[0];
  const b = seg.value;
  switch (seg.op) {
    case '==':
      return looseEqual(a, b);
    case '!=':
      return !looseEqual(a, b);
    default: {
      const x = Number(a);
      const y = Number(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      return seg.op === '<' ? x < y : seg.op === '<=' ? x <= y : seg.op === '>' ? x > y : x >= y;
    }
  }
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b;
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return JSON.stringify(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
