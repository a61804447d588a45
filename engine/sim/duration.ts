// Durations as people type them for `sim advance` (Go's time.ParseDuration forms: 30s, 5m,
// 1h30m, 500ms, 2.5s).

export function parseDuration(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
    pos = re.lastIndex;
  }
  return pos === s.length && pos > 0 ? Math.round(total) : undefined;
}
