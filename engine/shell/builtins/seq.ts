// seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST: the numbers tutorials loop over
// (`for i in $(seq 1 10); do ...; done`), with GNU seq's decimals, separator, equal width and errors.
import type { Builtin } from './builtin.ts';

const TRY = "Try 'seq --help' for more information.\n";

/** Digits after the point as written ("0.50" -> 2): seq prints every number with that many. */
const decimals = (s: string) => (/\.(\d*)/.exec(s)?.[1]?.length ?? 0);

export const seq: Builtin = (cx) => {
  let sep = '\n';
  let equalWidth = false;
  const nums: string[] = [];
  for (let i = 0; i < cx.args.length; i++) {
    const a = cx.args[i]!;
    if (a === '-s' || a === '--separator') sep = cx.args[++i] ?? '';
    else if (a.startsWith('-s') && a.length > 2) sep = a.slice(2);
    else if (a === '-w' || a === '--equal-width') equalWidth = true;
    else nums.push(a);
  }
  if (nums.length === 0) {
    cx.io.err(`seq: missing operand\n${TRY}`);
    return 1;
  }
  if (nums.length > 3) {
    cx.io.err(`seq: extra operand ‘${nums[3]}’\n${TRY}`);
    return 1;
  }
  for (const n of nums)
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(n)) {
      cx.io.err(`seq: invalid floating point argument: ‘${n}’\n${TRY}`);
      return 1;
    }
  const [first, step, last] = nums.length === 1 ? ['1', '1', nums[0]!] : nums.length === 2 ? [nums[0]!, '1', nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  if (Number(step) === 0) {
    cx.io.err(`seq: invalid Zero increment value: ‘${step}’\n${TRY}`);
    return 1;
  }
  const places = Math.max(decimals(first), decimals(step));
  const scale = 10 ** places;
  // Counted in integers of the finest place, so 0.1 steps do not drift.
  const a = Math.round(Number(first) * scale);
  const d = Math.round(Number(step) * scale);
  const z = Math.round(Number(last) * scale);
  const out: string[] = [];
  for (let v = a; d > 0 ? v <= z : v >= z; v += d) out.push((v / scale).toFixed(places));
  if (equalWidth) {
    const width = Math.max(...out.map((s) => s.replace('-', '').length));
    for (let k = 0; k < out.length; k++) {
      const neg = out[k]!.startsWith('-');
      out[k] = (neg ? '-' : '') + out[k]!.replace('-', '').padStart(width, '0');
    }
  }
  if (out.length) cx.io.out(out.join(sep) + '\n');
  return 0;
};
