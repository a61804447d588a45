// printf FORMAT [ARG...] in the terminal, as in the containers' shell (printf-format.ts).
import type { Builtin } from './builtin.ts';
import { printf as format } from '../printf-format.ts';

export const printf: Builtin = (cx) => {
  if (cx.args.length === 0) {
    cx.io.err('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  cx.io.out(format(cx.args[0]!, cx.args.slice(1)));
  return 0;
};
