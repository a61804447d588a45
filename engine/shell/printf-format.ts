// printf FORMAT [ARG...]: the subset scripts use (%s %d %f with width and precision, %%, and the
// escapes \n \t \r \\); the format is reused until the arguments run out, as POSIX printf does.
// Shared by the terminal's shell and the containers' shell.
/** The backslash escapes echo -e and printf understand. */
export function unescape(s: string): string {
  return s.replace(/\\([ntr\\])/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c]!);
}

export function printf(fmt: string, args: string[]): string {
  let i = 0;
  let out = '';
  do {
    out += unescape(fmt).replace(/%([-\d.]*)([sdf%])/g, (_, w: string, c: string) => {
      if (c === '%') return '%';
      const v = args[i++] ?? '';
      const s = c === 'd' ? String(Math.trunc(Number(v) || 0)) : c === 'f' ? (Number(v) || 0).toFixed(Number(w.split('.')[1] ?? 6)) : v;
      const width = Number(w.split('.')[0]?.replace('-', '') || 0);
      return w.startsWith('-') ? s.padEnd(width) : s.padStart(width);
    });
  } while (i < args.length && /%[sdf]/.test(fmt));
  return out;
}
