// tail [-n N] [-n +N] [-N] [FILE...]
import type { Builtin, BuiltinContext } from './builtin.ts';
import { lines, readInput } from './text-input.ts';

/** `-n N`, `-nN`, `-N`, `--lines=N`; `from` for tail's `+N`. */
export function countArg(cx: BuiltinContext, tool: string): { n: number; from: boolean; files: string[] } | undefined {
  let n = 10;
  let from = false;
  const files: string[] = [];
  const args = cx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let v: string | undefined;
    if (a === '-n') v = args[++i];
    else if (a.startsWith('-n')) v = a.slice(2);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a === '-f' || a === '-F') continue;
    else {
      files.push(a);
      continue;
    }
    if (v === undefined || !/^[+-]?\d+$/.test(v)) {
      cx.io.err(`${tool}: invalid number of lines: ‘${v ?? ''}’\n`);
      return undefined;
    }
    from = v.startsWith('+');
    n = Number(v);
  }
  return { n, from, files };
}

export const tail: Builtin = (cx) => {
  const parsed = countArg(cx, 'tail');
  if (!parsed) return 1;
  const text = readInput(cx, parsed.files, 'tail');
  if (text === undefined) return 1;
  const l = lines(text);
  const out = parsed.from ? l.slice(Math.max(0, parsed.n - 1)) : parsed.n === 0 ? [] : l.slice(-Math.abs(parsed.n));
  for (const line of out) cx.io.out(`${line}\n`);
  return 0;
};
