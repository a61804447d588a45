// wc [-l] [-w] [-c] [FILE...]: counts as GNU wc prints them (bare numbers from stdin).
import type { Builtin } from './builtin.ts';
import { readInput } from './text-input.ts';

export const wc: Builtin = (cx) => {
  const flags = cx.args.filter((a) => /^-[lwcm]+$/.test(a)).join('');
  const files = cx.args.filter((a) => !/^-[lwcm]+$/.test(a));
  const text = readInput(cx, files, 'wc');
  if (text === undefined) return 1;
  const l = (text.match(/\n/g) ?? []).length;
  const w = text.split(/\s+/).filter(Boolean).length;
  const c = new TextEncoder().encode(text).length;
  const want = flags === '' ? ['l', 'w', 'c'] : ['l', 'w', 'c'].filter((k) => flags.includes(k) || (k === 'c' && flags.includes('m')));
  const vals = want.map((k) => (k === 'l' ? l : k === 'w' ? w : c));
  const suffix = files.length ? ` ${files.join(' ')}` : '';
  if (vals.length === 1) cx.io.out(`${vals[0]}${suffix}\n`);
  else {
    const width = files.length ? Math.max(...vals.map((v) => String(v).length)) : 7;
    cx.io.out(`${vals.map((v) => String(v).padStart(width)).join(' ')}${suffix}\n`);
  }
  return 0;
};
