// Digits of pi, computed (Machin's formula in BigInt fixed point): what perl's
// `bpi(N)` prints for the docs' Job example, N significant digits, last one rounded.
export function piDigits(n: number): string {
  const guard = 10n;
  const scale = 10n ** (BigInt(n) + guard);
  // arctan(1/x) * scale by its Taylor series.
  const arccot = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n, sign = 1n; term !== 0n; k += 2n, sign = -sign) {
      sum += (sign * term) / k;
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arccot(5n) - arccot(239n));
  // Keep n significant digits (one before the point), rounding half up.
  const digits = (pi + 5n * 10n ** (guard)) / 10n ** (guard + 1n);
  const s = digits.toString();
  return `${s[0]}.${s.slice(1)}`;
}
