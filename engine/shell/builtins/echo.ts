// echo [-n] [-e] ARGS: bash's builtin (no escape processing unless -e).
import type { Builtin } from './builtin.ts';

export const echo: Builtin = ({ args, io }) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    if (args[i]!.includes('n')) newline = false;
    if (args[i]!.includes('e')) escapes = true;
    if (args[i]!.includes('E')) escapes = false;
  }
  let text = args.slice(i).join(' ');
  if (escapes) text = text.replace(/\\([ntr\\])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!);
  io.out(newline ? `${text}\n` : text);
  return 0;
};
