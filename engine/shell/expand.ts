// Word expansion: parameters ($VAR, ${VAR:-x}, $?, ${#VAR}), command substitution ($(...)
// with trailing newlines removed), field splitting of unquoted results on blanks, and
// quote removal. No globbing: the workspace has no directories to match.
import { arithmeticExpansion } from './arithmetic.ts';
import type { Part, Word } from './ast.ts';

export interface ExpandContext {
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
  substitute(script: string): Promise<string>;
}

/** Expands words into fields (argv). */
export async function expandWords(words: Word[], cx: ExpandContext): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) out.push(...(await expandWord(w, cx, true)));
  return out;
}

/** Expands one word to a single string (assignments, redirection targets, here-docs). */
export async function expandToString(w: Word, cx: ExpandContext): Promise<string> {
  return (await expandWord(w, cx, false)).join(' ');
}

/** $(script), trailing newlines removed; $((expr)) arrives as a substitution of "(expr)": arithmetic, not a subshell. */
async function substitution(script: string, cx: ExpandContext): Promise<string> {
  const arith = /^\((.*)\)$/s.exec(script);
  if (arith) return String(arithmeticExpansion(arith[1]!, (name) => cx.lookup(name)));
  return (await cx.substitute(script)).replace(/\n+$/, '');
}

async function partValue(p: Part, cx: ExpandContext): Promise<string> {
  if (p.t === 'lit') return p.s;
  if (p.t === 'cmd') return substitution(p.script, cx);
  const v = cx.lookup(p.name);
  switch (p.op) {
    case '#':
      return String((v ?? '').length);
    case ':-':
      return v ? v : await expandToString(p.arg ?? [], cx);
    case '-':
      return v !== undefined ? v : await expandToString(p.arg ?? [], cx);
    case ':=':
    case '=': {
      if (p.op === ':=' ? v : v !== undefined) return v!;
      const d = await expandToString(p.arg ?? [], cx);
      cx.assign(p.name, d);
      return d;
    }
    case '%':
    case '%%':
    case 'prefix#':
    case 'prefix##': {
      const pat = globToRegex(await expandToString(p.arg ?? [], cx));
      const s = v ?? '';
      const greedy = p.op === '%%' || p.op === 'prefix##';
      if (p.op === '%' || p.op === '%%') {
        // Shortest (or longest) matching suffix.
        const starts = [...Array(s.length + 1).keys()];
        for (const i of greedy ? starts : starts.reverse()) if (new RegExp(`^(?:${pat})$`).test(s.slice(i))) return s.slice(0, i);
        return s;
      }
      const ends = [...Array(s.length + 1).keys()];
      for (const i of greedy ? ends.reverse() : ends) if (new RegExp(`^(?:${pat})$`).test(s.slice(0, i))) return s.slice(i);
      return s;
    }
    case ':+':
      return v ? await expandToString(p.arg ?? [], cx) : '';
    case '+':
      return v !== undefined ? await expandToString(p.arg ?? [], cx) : '';
    default:
      return v ?? '';
  }
}

async function expandWord(w: Word, cx: ExpandContext, split: boolean): Promise<string[]> {
  // Build fields: quoted text joins the current field; unquoted expansion results split.
  const fields: string[] = [];
  let cur = '';
  let have = false;
  for (const p of w) {
    const v = await partValue(p, cx);
    if (p.quoted || p.t === 'lit' || !split) {
      cur += v;
      have = have || p.quoted || v !== '';
      continue;
    }
    const pieces = v.split(/[ \t\n]+/);
    if (v === '') continue;
    pieces.forEach((piece, i) => {
      if (i > 0) {
        if (have || cur !== '') fields.push(cur);
        cur = '';
        have = false;
      }
      cur += piece;
      have = have || piece !== '';
    });
    if (/[ \t\n]$/.test(v) && (have || cur !== '')) {
      fields.push(cur);
      cur = '';
      have = false;
    }
  }
  if (have || cur !== '') fields.push(cur);
  return fields;
}

/** Here-document bodies with an unquoted delimiter expand $VAR, ${...}, $(...) and $((...)). */
export async function expandHeredoc(body: string, cx: ExpandContext): Promise<string> {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && '$`\\'.includes(body[i + 1] ?? '')) {
      out += body[i + 1];
      i++;
    } else if (c === '$' && body[i + 1] === '(') {
      let depth = 0;
      let j = i + 1;
      for (; j < body.length; j++) {
        if (body[j] === '(') depth++;
        else if (body[j] === ')' && --depth === 0) break;
      }
      out += await substitution(body.slice(i + 2, j), cx);
      i = j;
    } else if (c === '$' && body[i + 1] === '{') {
      const end = body.indexOf('}', i);
      const inner = body.slice(i + 2, end);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/.exec(inner);
      out += m ? (cx.lookup(m[1]!) || (m[2] ?? '')) : '';
      i = end;
    } else if (c === '$' && /[A-Za-z_?0-9]/.test(body[i + 1] ?? '')) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[?0-9#$])/.exec(body.slice(i + 1))!;
      out += cx.lookup(m[1]!) ?? '';
      i += m[1]!.length;
    } else out += c;
  }
  return out;
}

/** Shell pattern (`*`, `?`, `[...]`) to a regular expression source. */
function globToRegex(p: string): string {
  let out = '';
  for (const c of p) out += c === '*' ? '.*' : c === '?' ? '.' : /[.+^${}()|\\]/.test(c) ? `\\${c}` : c;
  return out;
}
