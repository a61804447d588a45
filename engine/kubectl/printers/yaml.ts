// `-o yaml` exactly as kubectl prints it: JSON -> YAML through sigs.k8s.io/yaml, i.e. the
// go-yaml v2 emitter: map keys in go-yaml's natural order, sequences not indented under
// their key, strings quoted only when they would read back as something else (double
// quotes) or cannot be plain (single quotes), strings with newlines as literal blocks, and
// long plain/single-quoted strings folded at spaces past column 80.

const BEST_WIDTH = 80;

export function toYaml(value: unknown): string {
  const out: string[] = [];
  emitTop(value, out);
  return out.join('');
}

function emitTop(v: unknown, out: string[]): void {
  if (isMap(v) && Object.keys(v).length > 0) emitMap(v, 0, out, false);
  else if (Array.isArray(v) && v.length > 0) emitSeq(v, 0, out, false);
  else out.push(`${scalarInline(v, 0, 0)}\n`);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function emitMap(m: Record<string, unknown>, indent: number, out: string[], firstInline: boolean): void {
  const keys = Object.keys(m).filter((k) => m[k] !== undefined).sort(goYamlKeyLess);
  keys.forEach((k, i) => {
    const pad = i === 0 && firstInline ? '' : ' '.repeat(indent);
    const key = keyText(k);
    const v = m[k];
    const col = indent + key.length + 2;
    if (isMap(v) && Object.keys(v).length > 0) {
      out.push(`${pad}${key}:\n`);
      emitMap(v, indent + 2, out, false);
    } else if (Array.isArray(v) && v.length > 0) {
      out.push(`${pad}${key}:\n`);
      emitSeq(v, indent, out, false);
    } else if (typeof v === 'string' && isLiteral(v)) {
      out.push(`${pad}${key}: ${literal(v, indent + 2)}`);
    } else out.push(`${pad}${key}: ${scalarInline(v, col, indent + 2)}\n`);
  });
}

function emitSeq(a: unknown[], indent: number, out: string[], firstInline: boolean): void {
  a.forEach((v, i) => {
    const pad = i === 0 && firstInline ? '' : ' '.repeat(indent);
    if (isMap(v) && Object.keys(v).length > 0) {
      out.push(`${pad}- `);
      emitMap(v, indent + 2, out, true);
    } else if (Array.isArray(v) && v.length > 0) {
      out.push(`${pad}- `);
      emitSeq(v, indent + 2, out, true);
    } else if (typeof v === 'string' && isLiteral(v)) {
      out.push(`${pad}- ${literal(v, indent + 2)}`);
    } else out.push(`${pad}- ${scalarInline(v, indent + 2, indent + 2)}\n`);
  });
}

function keyText(k: string): string {
  // Keys are simple keys: never folded, quoted by the same rules as values.
  return scalarInline(k, 0, 0, false);
}

function scalarInline(v: unknown, column: number, contIndent: number, allowBreaks = true): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  const s = String(v);
  if (resolvesToNonString(s)) return doubleQuoted(s);
  if (plainAllowed(s)) return fold(s, column, contIndent, allowBreaks);
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(s) || s.includes('\n')) return doubleQuoted(s);
  return `'${fold(s.replace(/'/g, "''"), column + 1, contIndent, allowBreaks)}'`;
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // Go's strconv 'g' formatting for float64 as go-yaml does.
  const s = String(n);
  return s.includes('e') ? s.replace(/e\+?/, 'e+').replace('e+-', 'e-') : s;
}

/** Folds at spaces once past the best width, like yaml_emitter_write_plain_scalar. */
function fold(s: string, column: number, contIndent: number, allowBreaks: boolean): string {
  if (!allowBreaks) return s;
  let out = '';
  let col = column;
  let spaces = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ') {
      if (!spaces && col > BEST_WIDTH && s[i + 1] !== ' ' && i + 1 < s.length) {
        out += '\n' + ' '.repeat(contIndent);
        col = contIndent;
      } else {
        out += ch;
        col++;
      }
      spaces = true;
    } else {
      out += ch;
      col++;
      spaces = false;
    }
  }
  return out;
}

function isLiteral(s: string): boolean {
  // go-yaml uses a literal block for multi-line strings unless a line has trailing blanks.
  return s.includes('\n') && !/[ \t]\n/.test(s) && !/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(s) && !/^\s*$/.test(s);
}

function literal(s: string, indent: number): string {
  let chomp = '-';
  if (s.endsWith('\n')) chomp = s.endsWith('\n\n') ? '+' : '';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = chomp === '' ? s.slice(0, -1) : chomp === '+' ? s.replace(/\n$/, '') : s;
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  return `|${indicator}${chomp}\n${lines.join('\n')}\n`;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

const BOOL_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', '',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN',
]);

/** go-yaml v2 resolve(): would this plain text read back as a bool, null, number or timestamp? */
export function resolvesToNonString(s: string): boolean {
  if (BOOL_NULL.has(s)) return true;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(s)) return true;
  if (/^[-+]?0b[01_]+$/.test(s) || /^[-+]?0x[0-9a-fA-F_]+$/.test(s) || /^[-+]?0[0-7_]+$/.test(s)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d\d?-\d\d?([Tt]|\s+|$)/.test(s)) return true; // timestamps
  return false;
}

/** yaml_emitter_analyze_scalar: can this be written plain (block context)? */
function plainAllowed(s: string): boolean {
  if (s.length === 0) return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (/^\s|\s$/.test(s)) return false;
  if (/[\n\r\t]/.test(s) || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(s)) return false;
  const first = s[0]!;
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) return false;
  if ((first === '-' || first === '?' || first === ':') && (s.length === 1 || s[1] === ' ')) return false;
  if (/: |:$/.test(s)) return false;
  if (s.includes(' #')) return false;
  if (/[\u0085\u2028\u2029\ufeff]/.test(s)) return false;
  return true;
}

/** go-yaml v2's keyList.Less: letters sort after non-letters; digit runs compare as numbers. */
export function goYamlKeyLess(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]! ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ar[i]! < br[i]! ? -1 : 1;
  }
  return ar.length === br.length ? 0 : ar.length < br.length ? -1 : 1;
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}
