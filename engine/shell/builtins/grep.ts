// grep [-v] [-i] [-c] [-E] [-F] [-n] [-w] [-o] [-q] [-A N] [-B N] [-C N] [-e PATTERN] PATTERN [FILE...]:
// basic (BRE treated as the common subset) and extended regular expressions; context lines
// as GNU grep prints them (`--` between groups, `N-` numbering for context with -n).
import type { Builtin } from './builtin.ts';
import { lines, readInput } from './text-input.ts';

export const grep: Builtin = (cx) => {
  const { args, io } = cx;
  const o = { v: false, i: false, c: false, E: false, F: false, n: false, w: false, o: false, q: false };
  const patterns: string[] = [];
  const rest: string[] = [];
  let after = 0;
  let before = 0;
  const contextLength = (n: string | undefined, opt: string): number | undefined => {
    if (n !== undefined && /^\d+$/.test(n)) return Number(n);
    if (n === undefined) io.err(`grep: option requires an argument -- '${opt}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
    else io.err(`grep: ${n}: invalid context length argument\n`);
    return undefined;
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    const ctx = /^-([ABC])(\d*)$/.exec(a) ?? /^--(after|before|)-?context=(\d*)$/.exec(a);
    if (ctx) {
      const n = contextLength(ctx[2] !== '' ? ctx[2] : args[++k], ctx[1]!);
      if (n === undefined) return 2;
      const which = ctx[1] === 'A' || ctx[1] === 'after' ? 'A' : ctx[1] === 'B' || ctx[1] === 'before' ? 'B' : 'C';
      if (which !== 'B') after = n;
      if (which !== 'A') before = n;
      continue;
    }
    if (a === '-e') patterns.push(args[++k] ?? '');
    else if (/^-[vicEFnwoq]+$/.test(a)) for (const ch of a.slice(1)) o[ch as keyof typeof o] = true;
    else if (a.startsWith('-') && a.length > 1 && a !== '-') {
      io.err(`grep: invalid option -- '${a.slice(1, 2)}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      return 2;
    } else rest.push(a);
  }
  if (patterns.length === 0) {
    if (rest.length === 0) {
      io.err(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`);
      return 2;
    }
    patterns.push(rest.shift()!);
  }
  const text = readInput(cx, rest, 'grep');
  if (text === undefined) return 2;
  const toRe = (p: string) => {
    let src = o.F ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : o.E ? p : p.replace(/\\([|+?(){}])/g, '$1').replace(/(^|[^\\])([+?(){}|])/g, '$1\\$2');
    if (o.w) src = `\\b(?:${src})\\b`;
    return new RegExp(src, o.i ? 'gi' : 'g');
  };
  let res: RegExp[];
  try {
    res = patterns.map(toRe);
  } catch {
    io.err(`grep: Unmatched ( or \\(\n`);
    return 2;
  }
  let count = 0;
  const all = lines(text);
  let lastPrinted = -1;
  let contextUntil = -1;
  const print = (idx: number, sep: ':' | '-') => {
    if ((before || after) && lastPrinted >= 0 && idx > lastPrinted + 1) io.out('--\n');
    io.out(`${o.n ? `${idx + 1}${sep}` : ''}${all[idx]}\n`);
    lastPrinted = idx;
  };
  all.forEach((line, idx) => {
    const hits = res.some((r) => {
      r.lastIndex = 0;
      return r.test(line);
    });
    if (hits === o.v) {
      // A line after a match, within -A lines of it.
      if (!o.c && !o.q && idx <= contextUntil) print(idx, '-');
      return;
    }
    count++;
    if (o.c || o.q) return;
    for (let b = Math.max(lastPrinted + 1, idx - before); b < idx; b++) print(b, '-');
    if (o.o && !o.v) {
      const prefix = o.n ? `${idx + 1}:` : '';
      for (const r of res) for (const m of line.matchAll(r)) if (m[0]) io.out(`${prefix}${m[0]}\n`);
      lastPrinted = idx;
    } else print(idx, ':');
    contextUntil = idx + after;
  });
  if (o.c) io.out(`${count}\n`);
  return count > 0 ? 0 : 1;
};
