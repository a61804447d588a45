// cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST [FILE...]: fields or characters as GNU cut
// selects them (LIST: N, N-M, N-, -M, comma-separated; a line without the delimiter is printed
// whole unless -s).
import type { Builtin } from './builtin.ts';
import { lines, readInput } from './text-input.ts';

type Range = [number, number];

function parseList(list: string): Range[] | undefined {
  const out: Range[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || m[1] === '0' || m[3] === '0') return undefined;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    out.push([lo, hi]);
  }
  return out;
}

const selected = (ranges: Range[], n: number) => ranges.some(([lo, hi]) => n >= lo && n <= hi);

export const cut: Builtin = (cx) => {
  const usage = "Try 'cut --help' for more information.\n";
  let mode: 'f' | 'c' | undefined;
  let list: string | undefined;
  let delim = '\t';
  let onlyDelimited = false;
  const files: string[] = [];
  for (let k = 0; k < cx.args.length; k++) {
    const a = cx.args[k]!;
    const opt = /^-([fcbd])(.*)$/.exec(a);
    if (opt) {
      const value = opt[2] !== '' ? opt[2] : cx.args[++k];
      if (value === undefined) {
        cx.io.err(`cut: option requires an argument -- '${opt[1]}'\n${usage}`);
        return 1;
      }
      if (opt[1] === 'd') {
        if ([...value].length !== 1) {
          cx.io.err('cut: the delimiter must be a single character\n' + usage);
          return 1;
        }
        delim = value;
      } else {
        if (mode) {
          cx.io.err(`cut: only one list may be specified\n${usage}`);
          return 1;
        }
        mode = opt[1] === 'f' ? 'f' : 'c';
        list = value;
      }
    } else if (a === '-s' || a === '--only-delimited') onlyDelimited = true;
    else files.push(a);
  }
  if (!mode || list === undefined) {
    cx.io.err(`cut: you must specify a list of bytes, characters, or fields\n${usage}`);
    return 1;
  }
  const ranges = parseList(list);
  if (!ranges) {
    cx.io.err(`cut: invalid field value '${list}'\n${usage}`);
    return 1;
  }
  const text = readInput(cx, files, 'cut');
  if (text === undefined) return 1;
  let out = '';
  for (const line of lines(text)) {
    if (mode === 'c') {
      out += `${[...line].filter((_, i) => selected(ranges, i + 1)).join('')}\n`;
      continue;
    }
    if (!line.includes(delim)) {
      if (!onlyDelimited) out += `${line}\n`;
      continue;
    }
    out += `${line.split(delim).filter((_, i) => selected(ranges, i + 1)).join(delim)}\n`;
  }
  cx.io.out(out);
  return 0;
};
