// Label selectors: the string form kubectl's -l takes (k8s.io/apimachinery/pkg/labels) and the
// structured metav1.LabelSelector form objects carry.
import type { LabelSelector } from './meta.ts';

export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export type Selector = Requirement[]; // all must match; empty matches everything

export function matches(sel: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
        if (v !== r.value) return false;
        break;
      case '!=':
        if (has && v === r.value) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v!)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Converts a metav1.LabelSelector. `undefined` means "matches nothing" (nil selector). */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector | undefined {
  if (!ls) return undefined;
  const out: Selector = [];
  for (const [key, value] of Object.entries(ls.matchLabels ?? {})) out.push({ key, op: '=', value });
  for (const e of ls.matchExpressions ?? []) {
    if (e.operator === 'In') out.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (e.operator === 'NotIn') out.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (e.operator === 'Exists') out.push({ key: e.key, op: 'exists' });
    else out.push({ key: e.key, op: '!' });
  }
  return out;
}

export function selectorMatches(ls: LabelSelector | undefined | null, labels: Record<string, string> | undefined): boolean {
  const sel = fromLabelSelector(ls);
  return sel !== undefined && matches(sel, labels);
}

/** An empty LabelSelector ({}) selects everything; upstream treats it specially in validation. */
export function isEmptySelector(ls: LabelSelector | undefined): boolean {
  return !ls || (Object.keys(ls.matchLabels ?? {}).length === 0 && (ls.matchExpressions ?? []).length === 0);
}

export class SelectorParseError extends Error {}

/**
 * Parses the string form: `app=web`, `app==web`, `tier!=db`, `env in (a,b)`, `env notin (a)`,
 * `app`, `!app`, comma-separated. Errors read as labels.Parse's do.
 */
export function parseSelector(input: string): Selector {
  const s = input.trim();
  if (s === '') return [];
  const out: Selector = [];
  for (const part of splitTopLevel(s)) {
    const p = part.trim();
    if (p === '') throw new SelectorParseError(`found '', expected: !, identifier, or 'end of string'`);
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^!\s*([^\s=!(),]+)$/))) out.push({ key: m[1]!, op: '!' });
    else if ((m = p.match(/^([^\s=!(),]+)\s+(in|notin)\s*\(([^)]*)\)$/)))
      out.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()).filter((v) => v !== '') });
    else if ((m = p.match(/^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/)))
      out.push({ key: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! });
    else if ((m = p.match(/^([^\s=!(),]+)$/))) out.push({ key: m[1]!, op: 'exists' });
    else throw new SelectorParseError(`unable to parse requirement: found '${p}'`);
    validateKey(out[out.length - 1]!.key);
  }
  return out;
}

function validateKey(key: string): void {
  const name = key.includes('/') ? key.slice(key.indexOf('/') + 1) : key;
  if (!/^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/.test(name) || name.length > 63)
    throw new SelectorParseError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** `app=web,tier=fe` as kubectl prints a map selector (sorted keys). */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',');
}

/** metav1.FormatLabelSelector: `app=web,env in (a,b)`; empty selector prints `<none>`. */
export function formatLabelSelector(ls: LabelSelector | undefined): string {
  if (!ls) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(ls.matchLabels ?? {}).sort()) parts.push(`${k}=${ls.matchLabels![k]}`);
  for (const e of ls.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : '<none>';
}
