// sort [-r] [-n] [-u] [-k N] [FILE...]
import type { Builtin } from './builtin.ts';
import { lines, readInput } from './text-input.ts';

export const sort: Builtin = (cx) => {
  let reverse = false;
  let numeric = false;
  let unique = false;
  let key: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < cx.args.length; i++) {
    const a = cx.args[i]!;
    if (a === '-k') key = parseInt(cx.args[++i] ?? '1', 10);
    else if (/^-k\d/.test(a)) key = parseInt(a.slice(2), 10);
    else if (/^-[rnu]+$/.test(a)) {
      reverse ||= a.includes('r');
      numeric ||= a.includes('n');
      unique ||= a.includes('u');
    } else files.push(a);
  }
  const text = readInput(cx, files, 'sort');
  if (text === undefined) return 2;
  const field = (l: string) => (key ? (l.trim().split(/\s+/)[key - 1] ?? '') : l);
  let out = lines(text).sort((a, b) => {
    const x = field(a);
    const y = field(b);
    if (numeric) return (parseFloat(x) || 0) - (parseFloat(y) || 0) || (a < b ? -1 : a > b ? 1 : 0);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  if (reverse) out = out.reverse();
  if (unique) out = out.filter((l, i) => i === 0 || l !== out[i - 1]);
  for (const l of out) cx.io.out(`${l}\n`);
  return 0;
};
