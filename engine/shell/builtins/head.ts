// head [-n N] [-N] [FILE...]
import type { Builtin } from './builtin.ts';
import { lines, readInput } from './text-input.ts';
import { countArg } from './tail.ts';

export const head: Builtin = (cx) => {
  const parsed = countArg(cx, 'head');
  if (!parsed) return 1;
  const text = readInput(cx, parsed.files, 'head');
  if (text === undefined) return 1;
  const l = lines(text);
  const n = parsed.n < 0 ? Math.max(0, l.length + parsed.n) : parsed.n;
  for (const line of l.slice(0, n)) cx.io.out(`${line}\n`);
  return 0;
};
