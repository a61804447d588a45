// tr [-d] [-s] SET1 [SET2]: translate, delete or squeeze characters, with ranges (a-z),
// escapes (\n \t \\) and the classes tutorials use ([:upper:] [:lower:] [:digit:] [:space:]
// [:alpha:] [:alnum:] [:punct:]). Reads standard input only, as GNU tr does.
import type { Builtin } from './builtin.ts';

const CLASSES: Record<string, string> = {
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digit: '0123456789',
  space: ' \t\n\r\v\f',
  blank: ' \t',
  alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', v: '\v', f: '\f' };

/** A SET as the list of characters it stands for; undefined for an unknown class. */
function expand(set: string): string[] | undefined {
  const chars: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const cls = /^\[:([a-z]+):\]/.exec(set.slice(i));
    if (cls) {
      const members = CLASSES[cls[1]!];
      if (members === undefined) return undefined;
      chars.push(...members);
      i += cls[0].length - 1;
      continue;
    }
    let c = set[i]!;
    if (c === '\\' && i + 1 < set.length) c = ESCAPES[set[++i]!] ?? set[i]!;
    if (set[i + 1] === '-' && i + 2 < set.length) {
      const end = set[i + 2]!;
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      i += 2;
      continue;
    }
    chars.push(c);
  }
  return chars;
}

export const tr: Builtin = (cx) => {
  let del = false;
  let squeeze = false;
  const sets: string[] = [];
  for (const a of cx.args) {
    if (/^-[ds]+$/.test(a)) {
      del ||= a.includes('d');
      squeeze ||= a.includes('s');
    } else sets.push(a);
  }
  const usage = "Try 'tr --help' for more information.\n";
  if (sets.length === 0) {
    cx.io.err(`tr: missing operand\n${usage}`);
    return 1;
  }
  if (!del && !squeeze && sets.length < 2) {
    cx.io.err(`tr: missing operand after '${sets[0]}'\nTwo strings must be given when translating.\n${usage}`);
    return 1;
  }
  const from = expand(sets[0]!);
  const to = sets[1] !== undefined ? expand(sets[1]) : [];
  if (!from || !to) {
    cx.io.err('tr: invalid character class\n');
    return 1;
  }
  const inFrom = new Set(from);
  // SET2 is padded with its last character, as GNU tr does.
  const map = new Map<string, string>();
  if (!del) from.forEach((c, i) => map.set(c, to[Math.min(i, to.length - 1)] ?? c));
  const squeezeSet = new Set(del ? to : to.length ? to : from);
  let out = '';
  for (const c of cx.io.stdin) {
    if (del && inFrom.has(c)) continue;
    const d = del ? c : map.get(c) ?? c;
    if (squeeze && squeezeSet.has(d) && out.endsWith(d)) continue;
    out += d;
  }
  cx.io.out(out);
  return 0;
};
