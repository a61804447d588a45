// Label selectors: the string form kubectl's -l takes (k8s.io/apimachinery/pkg/labels) and the
// structured metav1.LabelSelector form objects carry.
import { labelValueErrors, qualifiedNameErrors } from '../apiserver/validation/names.ts';
import type { LabelSelector } from './meta.ts';

export type Requirement =
  | { key: string; op: '=' | '!=' | 'gt' | 'lt'; value: string }
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
      case 'gt':
      case 'lt': {
        // Both sides must parse as integers (upstream: strconv.ParseInt); otherwise no match.
        if (!has || !/^[+-]?\d+$/.test(v!)) return false;
        const have = Number(v);
        const want = Number(r.value);
        if (r.op === 'gt' ? have <= want : have >= want) return false;
        break;
      }
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

// labels.Parse (apimachinery/pkg/labels/selector.go): a lexer and a recursive-descent parser
// written after upstream's, so a malformed selector fails with the same words.

type Token =
  | 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'identifier' | 'in' | '<' | '!=' | 'notin' | '(';

const KEYWORDS: Record<string, Token> = {
  ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(',
};
const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

const isSpecial = (ch: string) => '=!(),><'.includes(ch);
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

interface Scanned {
  tok: Token;
  lit: string;
}

function lex(s: string): Scanned[] {
  const out: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isSpace(s[pos]!)) pos++;
    if (pos >= s.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (isSpecial(s[pos]!)) {
      // The longest run of special symbols that is still a keyword ("!=", "==", "=").
      let buffer = '';
      let last: Scanned | undefined;
      while (pos < s.length && isSpecial(s[pos]!)) {
        buffer += s[pos];
        const kw = KEYWORDS[buffer];
        if (kw) last = { tok: kw, lit: buffer };
        else if (last) break;
        pos++;
      }
      out.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let buffer = '';
    while (pos < s.length && !isSpecial(s[pos]!) && !isSpace(s[pos]!)) buffer += s[pos++];
    const kw = KEYWORDS[buffer];
    out.push({ tok: kw ?? 'identifier', lit: buffer });
  }
}

class Parser {
  private position = 0;
  constructor(private readonly items: Scanned[]) {}

  /** In a value context `in` and `notin` are plain identifiers. */
  lookahead(values: boolean): Scanned {
    const it = this.items[this.position]!;
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'identifier', lit: it.lit } : it;
  }

  consume(values: boolean): Scanned {
    const it = this.lookahead(values);
    this.position++;
    return it;
  }

  parse(): Selector {
    const out: Selector = [];
    for (;;) {
      const { tok, lit } = this.lookahead(true);
      if (tok === 'end') return out;
      if (tok !== 'identifier' && tok !== '!') throw new SelectorParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      let r: Requirement;
      try {
        r = this.requirement();
      } catch (e) {
        throw e instanceof SelectorParseError ? new SelectorParseError(`unable to parse requirement: ${e.message}`) : e;
      }
      out.push(r);
      const next = this.consume(true);
      if (next.tok === 'end') return out;
      if (next.tok !== ',') throw new SelectorParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead(true);
      if (after.tok !== 'identifier' && after.tok !== '!') throw new SelectorParseError(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private requirement(): Requirement {
    let { tok, lit } = this.consume(true);
    const negated = tok === '!';
    if (negated) ({ tok, lit } = this.consume(true));
    if (tok !== 'identifier') throw new SelectorParseError(`found '${lit}', expected: identifier`);
    const keyErrors = qualifiedNameErrors(lit);
    if (keyErrors.length) throw new SelectorParseError(`<nil>: Invalid value: ${JSON.stringify(lit)}: ${keyErrors.join('; ')}`);
    const key = lit;
    const t = this.lookahead(true).tok;
    if (negated || t === 'end' || t === ',') return negated ? { key, op: '!' } : { key, op: 'exists' };
    const op = this.consume(false);
    let values: string[];
    switch (op.tok) {
      case 'in':
      case 'notin':
        values = this.values();
        break;
      case '=':
      case '==':
      case '!=':
      case '>':
      case '<':
        values = [this.exactValue()];
        break;
      default:
        throw new SelectorParseError(`found '${op.lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
    return newRequirement(key, op.tok, values);
  }

  private values(): string[] {
    const open = this.consume(true);
    if (open.tok !== '(') throw new SelectorParseError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(true);
    if (tok === ')') {
      this.consume(true);
      return [''];
    }
    if (tok !== 'identifier' && tok !== ',') throw new SelectorParseError(`found '${lit}', expected: ',', ')' or identifier`);
    const set = this.identifiers();
    if (this.consume(true).tok !== ')') throw new SelectorParseError(`found '${lit}', expected: ')'`);
    return set;
  }

  /** A (possibly empty) comma-separated list of (possibly empty) values, as a sorted set. */
  private identifiers(): string[] {
    const set = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === 'identifier') {
        set.add(lit);
        const next = this.lookahead(true);
        if (next.tok === ',') continue;
        if (next.tok === ')') return [...set].sort();
        throw new SelectorParseError(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') throw new SelectorParseError(`found '${lit}', expected: ',', or identifier`);
      if (set.size === 0) set.add('');
      const next = this.lookahead(true).tok;
      if (next === ')') {
        set.add('');
        return [...set].sort();
      }
      if (next === ',') set.add('');
    }
  }

  private exactValue(): string {
    const { tok } = this.lookahead(true);
    if (tok === 'end' || tok === ',') return '';
    const v = this.consume(true);
    if (v.tok === 'identifier') return v.lit;
    throw new SelectorParseError(`found '${v.lit}', expected: identifier`);
  }
}

/** NewRequirement's checks on the values (the key was checked while parsing), errors aggregated as upstream. */
function newRequirement(key: string, op: Token, values: string[]): Requirement {
  const errors: string[] = [];
  if (op === '>' || op === '<')
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) errors.push(`values[${i}]: Invalid value: ${JSON.stringify(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
    });
  values.forEach((v, i) => {
    const errs = labelValueErrors(v);
    if (errs.length) errors.push(`values[${i}][${key}]: Invalid value: ${JSON.stringify(v)}: ${errs.join('; ')}`);
  });
  if (errors.length) throw new SelectorParseError(errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`);
  switch (op) {
    case 'in':
    case 'notin':
      return { key, op, values };
    case '>':
      return { key, op: 'gt', value: values[0]! };
    case '<':
      return { key, op: 'lt', value: values[0]! };
    default:
      return { key, op: op === '!=' ? '!=' : '=', value: values[0]! };
  }
}

/**
 * Parses the string form: `app=web`, `app==web`, `tier!=db`, `env in (a,b)`, `env notin (a)`,
 * `app`, `!app`, `replicas>2`, comma-separated. Errors read as labels.Parse's do.
 */
export function parseSelector(input: string): Selector {
  return new Parser(lex(input)).parse();
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
