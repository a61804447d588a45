// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parsing, comparison and the
// canonical string the API server stores ("0.5" -> "500m", "1024Mi" -> "1Gi", "1e3" -> "1e3").
// Values are exact: a BigInt mantissa times a power of ten, rounded up to nano units as upstream.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value = mantissa × 10^scale (scale ≥ -9 after parsing). */
  mantissa: bigint;
  scale: number;
  format: QuantityFormat;
}

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';

/** Splits "1.5Gi" into number and suffix exactly like parseQuantityString. */
function split(str: string): { positive: boolean; num: string; denom: string; suffix: string } {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) {
    positive = str[pos] === '+';
    pos++;
  }
  let i = pos;
  while (i < end && str[i]! >= '0' && str[i]! <= '9') i++;
  const num = str.slice(pos, i);
  pos = i;
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && str[i]! >= '0' && str[i]! <= '9') i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  if (num === '' && denom === '') throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i]!)) i++;
  pos = i;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  i = pos;
  while (i < end && str[i]! >= '0' && str[i]! <= '9') i++;
  if (i < end) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(s: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  if (s in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[s]!, format: 'DecimalSI' };
  if (s in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[s]!, format: 'BinarySI' };
  const m = /^[eE]([-+]?[0-9]+)$/.exec(s);
  if (m) return { base: 10, exponent: Number(m[1]), format: 'DecimalExponent' };
  return undefined;
}

/** Parses a quantity; throws QuantityError with upstream's message. Numbers are accepted as YAML gives them. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? numberText(input) : input;
  if (str.length === 0) throw new QuantityError(QUANTITY_FORMAT_ERROR);
  const { positive, num, denom, suffix } = split(str);
  const sfx = interpretSuffix(suffix);
  if (!sfx) throw new QuantityError(QUANTITY_SUFFIX_ERROR);
  let mantissa = BigInt((num || '0') + denom);
  let scale = -denom.length;
  if (sfx.base === 10) scale += sfx.exponent;
  else mantissa *= 1n << BigInt(sfx.exponent);
  // Non-zero values round up to the smallest unit (1n), so asking for a little gets a little.
  if (scale < -9) {
    const div = 10n ** BigInt(-9 - scale);
    const q = mantissa / div;
    mantissa = mantissa % div === 0n ? q : q + 1n;
    scale = -9;
  }
  if (!positive) mantissa = -mantissa;
  return normalize({ mantissa, scale, format: sfx.format });
}

function numberText(n: number): string {
  // YAML numbers arrive as JS numbers; Go reads the JSON text, which for these is the same.
  const s = String(n);
  return s.replace(/e\+/, 'e');
}

/** Removes trailing zeros from the mantissa (keeps the value, eases comparisons). */
function normalize(q: Quantity): Quantity {
  let { mantissa, scale } = q;
  if (mantissa === 0n) return { mantissa: 0n, scale: 0, format: q.format };
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale++;
  }
  return { mantissa, scale, format: q.format };
}

/** Whether a string parses as a quantity (no throw). */
export function isQuantity(v: unknown): boolean {
  if (typeof v !== 'string' && typeof v !== 'number') return false;
  try {
    parseQuantity(v);
    return true;
  } catch {
    return false;
  }
}

function atScale(q: Quantity, scale: number): bigint {
  return scale <= q.scale ? q.mantissa * 10n ** BigInt(q.scale - scale) : q.mantissa / 10n ** BigInt(scale - q.scale);
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  const s = Math.min(a.scale, b.scale);
  const x = atScale(a, s);
  const y = atScale(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const s = Math.min(a.scale, b.scale);
  return normalize({ mantissa: atScale(a, s) + atScale(b, s), scale: s, format: a.mantissa === 0n ? b.format : a.format });
}

export function isZero(q: Quantity): boolean {
  return q.mantissa === 0n;
}

/** Value in milli-units, rounded up (MilliValue). */
export function milliValue(q: Quantity): number {
  return Number(ceilAtScale(q, -3));
}

/** Value in whole units, rounded up (Value). */
export function quantityValue(q: Quantity): number {
  return Number(ceilAtScale(q, 0));
}

function ceilAtScale(q: Quantity, scale: number): bigint {
  if (scale <= q.scale) return q.mantissa * 10n ** BigInt(q.scale - scale);
  const div = 10n ** BigInt(scale - q.scale);
  const r = q.mantissa / div;
  return q.mantissa % div !== 0n && q.mantissa > 0n ? r + 1n : r;
}

/** Canonical text (Quantity.String()): what the API server stores and kubectl prints. */
export function formatQuantity(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  const abs = q.mantissa < 0n ? -q.mantissa : q.mantissa;
  const sign = q.mantissa < 0n ? '-' : '';
  if (format === 'BinarySI') {
    // Small or fractional binary values print in decimal so nothing is rounded.
    if (compareQuantity({ mantissa: abs, scale: q.scale, format }, { mantissa: 1024n, scale: 0, format }) < 0 || q.scale < 0)
      format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = abs * 10n ** BigInt(q.scale);
    let exp = 0;
    while (v % 1024n === 0n && exp < 60) {
      v /= 1024n;
      exp += 10;
    }
    const suffix = Object.keys(BINARY_SUFFIXES).find((k) => BINARY_SUFFIXES[k] === exp) ?? '';
    return sign + v.toString() + suffix;
  }
  // Decimal: the exponent is a multiple of 3, the mantissa the smallest integer.
  let amount = abs;
  let exponent = q.scale;
  const mod = ((exponent % 3) + 3) % 3;
  if (mod === 1) {
    amount *= 10n;
    exponent -= 1;
  } else if (mod === 2) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return sign + amount.toString() + (exponent === 0 ? '' : `e${exponent}`);
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((k) => DECIMAL_SUFFIXES[k] === exponent);
  if (suffix === undefined) {
    // Beyond E (or below n): upstream falls back to the exponent form.
    return sign + amount.toString() + `e${exponent}`;
  }
  return sign + amount.toString() + suffix;
}

/** Parses and re-prints; throws QuantityError for bad input. */
export function canonicalQuantity(v: string | number): string {
  return formatQuantity(parseQuantity(v));
}
