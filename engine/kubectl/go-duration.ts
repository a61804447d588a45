// Go's time.ParseDuration (flags like --timeout=30s, 1m30s, 500ms) with its error words.

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export class DurationError extends Error {}

/** Milliseconds, or throws DurationError with Go's message. */
export function parseGoDuration(s: string): number {
  const quoted = JSON.stringify(s);
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new DurationError(`time: invalid duration ${quoted}`);
  let total = 0;
  while (rest !== '') {
    const num = rest.match(/^(\d*)(\.\d*)?/)!;
    if (num[0] === '' || num[0] === '.') throw new DurationError(`time: invalid duration ${quoted}`);
    rest = rest.slice(num[0].length);
    const unit = rest.match(/^[^\d.]*/)![0];
    if (unit === '') throw new DurationError(`time: missing unit in duration ${quoted}`);
    const mult = UNITS[unit];
    if (mult === undefined) throw new DurationError(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    total += Number(num[0]) * mult;
    rest = rest.slice(unit.length);
  }
  return sign * total;
}
