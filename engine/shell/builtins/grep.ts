// grep [-v] [-i] [-c] [-E] [-F] [-n] [-w] [-o] [-q] [-e PATTERN] PATTERN [FILE...]:
// basic (BRE treated as the common subset) and extended regular expressions.
import type { Builtin } from './builtin.ts';
import { lines, readInput } from './text-input.ts';

export const grep: Builtin = (cx) => {
  const { args, io } = cx;
  const o = { v: false, i: false, c: false, E: false, F: false, n: false, w: false, o: false, q: false };
  const patterns: string[] = [];
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
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
  lines(text).forEach((line, idx) => {
    const hits = res.some((r) => {
      r.lastIndex = 0;
      return r.test(line);
    });
    if (hits === o.v) return;
    count++;
    if (o.c || o.q) return;
    const prefix = o.n ? `${idx + 1}:` : '';
    if (o.o && !o.v) {
      for (const r of res) for (const m of line.matchAll(r)) if (m[0]) io.out(`${prefix}${m[0]}\n`);
    } else io.out(`${prefix}${line}\n`);
  });
  if (o.c) io.out(`${count}\n`);
  return count > 0 ? 0 : 1;
};
