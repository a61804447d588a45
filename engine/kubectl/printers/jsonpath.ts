// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath) for the forms people type:
// `{.spec.replicas}`, `{.items[*].metadata.name}`, `{.items[0].status.podIP}`,
// `{.status.conditions[?(@.type=="Ready")].status}`, `{range .items[*]}...{end}`, quoted
// literals such as `{"\n"}`, and plain text between expressions. Several results of one
// expression are joined by a space.

type Node = { t: 'text'; s: string } | { t: 'expr'; path: string } | { t: 'range'; path: string; body: Node[] };

export class JsonPathError extends Error {}

export function jsonpath(template: string, data: unknown): string {
  const nodes = parse(template);
  return render(nodes, data);
}

function parse(tpl: string): Node[] {
  const stack: Node[][] = [[]];
  const ranges: { path: string }[] = [];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1]!.push({ t: 'text', s: tpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.push({ t: 'text', s: tpl.slice(i, open) });
    const close = findClose(tpl, open);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const inner = tpl.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ')) {
      ranges.push({ path: inner.slice(6).trim() });
      stack.push([]);
    } else if (inner === 'end') {
      const r = ranges.pop();
      const body = stack.pop();
      if (!r || !body) throw new JsonPathError(`not in range, nothing to end`);
      stack[stack.length - 1]!.push({ t: 'range', path: r.path, body });
    } else if (/^".*"$/s.test(inner) || /^'.*'$/s.test(inner)) {
      stack[stack.length - 1]!.push({ t: 'text', s: unquote(inner) });
    } else stack[stack.length - 1]!.push({ t: 'expr', path: inner });
  }
  if (ranges.length) throw new JsonPathError(`unclosed range`);
  return stack[0]!;
}

function findClose(s: string, open: number): number {
  let q: string | undefined;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
    else if (c === '}') return i;
  }
  return -1;
}

function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

function render(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'expr') out += evaluate(n.path, data).map(format).join(' ');
    else for (const item of evaluate(n.path, data)) out += render(n.body, item);
  }
  return out;
}

function format(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Evaluates a path (`.a.b[0]`, `[*]`, `[?(@.k=="v")]`, `..name`) to its results. */
export function evaluate(path: string, data: unknown): unknown[] {
  let cur: unknown[] = [data];
  let p = path.trim();
  if (p.startsWith('$')) p = p.slice(1);
  if (p === '' || p === '.' || p === '@') return cur;
  const re = /\.\.((?:[A-Za-z0-9_\-/]|\\\.)+)|\.((?:[A-Za-z0-9_\-/]|\\\.)+|\*)|\.?\['([^']*)'\]|\.?\["([^"]*)"\]|\[\?\(@\.([A-Za-z0-9_.\-/]+)\s*(==|!=)\s*["']?([^"'\])]*)["']?\)\]|\[(\*|-?\d+)?(?::(-?\d+)?)?\]/y;
  let pos = 0;
  while (pos < p.length) {
    re.lastIndex = pos;
    const m = re.exec(p);
    if (!m) throw new JsonPathError(`unrecognized identifier ${p.slice(pos)}`);
    pos = re.lastIndex;
    const next: unknown[] = [];
    for (const v of cur) {
      if (m[1] !== undefined) next.push(...descend(v, m[1].replace(/\\\./g, '.')));
      else if (m[2] !== undefined || m[3] !== undefined || m[4] !== undefined) {
        // `kubectl\.kubernetes\.io/name`: escaped dots belong to the key.
        const key = (m[2] ?? m[3] ?? m[4]!).replace(/\\\./g, '.');
        if (key === '*') {
          if (v && typeof v === 'object') next.push(...Object.values(v as object));
        } else if (v && typeof v === 'object' && !Array.isArray(v) && key in (v as object)) next.push((v as Record<string, unknown>)[key]);
      } else if (m[5] !== undefined) {
        if (Array.isArray(v))
          for (const item of v) {
            const got = evaluate(`.${m[5]}`, item)[0];
            const eq = got !== undefined && String(got) === m[7];
            if (m[6] === '==' ? eq : !eq) next.push(item);
          }
      } else if (Array.isArray(v)) {
        if (m[8] === '*' || (m[8] === undefined && m[0].includes(':'))) {
          const start = m[8] === '*' || m[8] === undefined ? 0 : Number(m[8]);
          const end = m[9] !== undefined ? Number(m[9]) : v.length;
          next.push(...v.slice(start < 0 ? v.length + start : start, end < 0 ? v.length + end : end));
        } else if (m[8] !== undefined) {
          const idx = Number(m[8]);
          const item = v[idx < 0 ? v.length + idx : idx];
          if (item === undefined) throw new JsonPathError(`array index out of bounds: index ${idx}, length ${v.length}`);
          if (m[0].includes(':')) next.push(...v.slice(idx, m[9] !== undefined ? Number(m[9]) : v.length));
          else next.push(item);
        }
      }
    }
    cur = next;
  }
  return cur;
}

function descend(v: unknown, key: string): unknown[] {
  const out: unknown[] = [];
  if (v && typeof v === 'object') {
    if (!Array.isArray(v) && key in (v as object)) out.push((v as Record<string, unknown>)[key]);
    for (const c of Object.values(v as object)) out.push(...descend(c, key));
  }
  return out;
}
