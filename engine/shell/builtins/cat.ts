// cat [FILE...]: workspace files (the editor's), or standard input (here-documents, pipes).
import type { Builtin } from './builtin.ts';

export const cat: Builtin = ({ args, io, host }) => {
  const files = args.filter((a) => a !== '-n');
  if (files.length === 0) {
    io.out(io.stdin);
    return 0;
  }
  let code = 0;
  for (const f of files) {
    if (f === '-') {
      io.out(io.stdin);
      continue;
    }
    const text = host.workspace.read(f);
    if (text === undefined) {
      io.err(`cat: ${f}: No such file or directory\n`);
      code = 1;
    } else io.out(text);
  }
  return code;
};
