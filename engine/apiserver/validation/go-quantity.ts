// How Go's %#v prints a resource.Quantity value in a field error (upstream passes the struct, so
// `kubectl` shows `resource.Quantity{i:resource.int64Amount{value:2, scale:0}, ...}`). ParseQuantity
// keeps the input as the cached string `s` only when it is already canonical.
import { parseQuantity } from '../../api/quantity.ts';

export function goQuantity(input: string): string {
  let q;
  try {
    q = parseQuantity(input);
  } catch {
    return JSON.stringify(input);
  }
  let value = q.mantissa;
  let scale = q.scale;
  let cached = '';
  if (q.format === 'BinarySI') {
    // Binary values are held unscaled: 1Gi is value 1073741824, scale 0.
    if (scale < 0) return fallback(q.mantissa, scale, q.format);
    value = q.mantissa * 10n ** BigInt(scale);
    scale = 0;
    const m = /^\+?(\d+)(Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(input);
    if (m && (BigInt(m[1]!) & 7n) !== 0n) cached = input;
  } else {
    const m = /^\+?(\d+)(?:\.(\d+))?([numkMGTPE]?)$/.exec(input);
    if (m) {
      const shifted = m[1]! + (m[2] ?? '');
      const exp = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }[m[3] as 'n'] - (m[2] ?? '').length;
      value = BigInt(shifted);
      scale = exp;
      if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') cached = input;
    }
  }
  return `resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${JSON.stringify(cached)}, Format:"${q.format}"}`;
}

function fallback(mantissa: bigint, scale: number, format: string): string {
  return `resource.Quantity{i:resource.int64Amount{value:${mantissa}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"${format}"}`;
}
