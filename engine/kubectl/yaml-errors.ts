// Maps the `yaml` package's parse errors to the go-yaml v2 messages kubectl prints
// (`yaml: line N: did not find expected key`). go-yaml reports scanner errors at the
// problem's line and parser errors one line earlier (its 0-based problem line), which the
// mapping reproduces for the common mistakes: bad indentation, `key: a: b`, tabs, reserved
// characters, unclosed quotes and flow collections.
import type { YAMLError } from 'yaml';

export function goYamlMessage(e: YAMLError, src: string): string {
  const line = e.linePos?.[0]?.line ?? 1;
  const col = e.linePos?.[0]?.col ?? 1;
  const msg = e.message;
  const lines = src.split('\n');
  switch (e.code) {
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
      return `yaml: line ${line}: did not find expected alphabetic or numeric character`;
    case 'TAB_AS_INDENT': {
      // After a plain scalar the scanner is inside it: "violates indentation"; otherwise the
      // tab is the next token.
      const prev = previousContentLine(lines, line - 1)?.trimEnd() ?? '';
      const inScalar = prev !== '' && !/[:\-|>]$/.test(prev);
      return inScalar ? `yaml: line ${line}: found a tab character that violates indentation` : `yaml: line ${line}: found character that cannot start any token`;
    }
    case 'BAD_SCALAR_START':
      return `yaml: line ${line}: found character that cannot start any token`;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      if (/block sequence may not be used as an implicit map key/.test(msg)) return `yaml: line ${line - 1}: did not find expected key`;
      return `yaml: line ${colonLine(lines, line, col)}: mapping values are not allowed in this context`;
    case 'MISSING_CHAR':
      if (/Missing closing/.test(msg)) return `yaml: line ${line}: found unexpected end of stream`;
      if (/Sequence item without - indicator/.test(msg)) return `yaml: line ${line - 1}: ${indentlessSequence(lines, line) ? 'did not find expected key' : "did not find expected '-' indicator"}`;
      return `yaml: line ${line - 1}: did not find expected key`;
    case 'BAD_INDENT':
      if (/Flow map/.test(msg)) return `yaml: line ${line - 1}: did not find expected ',' or '}'`;
      if (/Flow sequence/.test(msg)) return `yaml: line ${line - 1}: did not find expected ',' or ']'`;
      return `yaml: line ${line - 1}: did not find expected key`;
    case 'DUPLICATE_KEY':
      return `yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(keyAt(lines, line, col))} already set in map`;
    default:
      return `yaml: line ${line}: did not find expected key`;
  }
}

function previousContentLine(lines: string[], before1: number): string | undefined {
  for (let i = before1 - 1; i >= 0; i--) if (lines[i]!.trim() !== '' && !lines[i]!.trim().startsWith('#')) return lines[i];
  return undefined;
}

/** The line of the first `: ` (or line-final `:`) at or after the error position. */
function colonLine(lines: string[], line: number, col: number): number {
  for (let i = line - 1; i < lines.length; i++) {
    const text = i === line - 1 ? lines[i]!.slice(col - 1) : lines[i]!;
    if (/:(\s|$)/.test(text)) return i + 1;
  }
  return line;
}

/** Whether the sequence the stray line belongs to sits at its parent key's indentation. */
function indentlessSequence(lines: string[], line: number): boolean {
  const indent = (s: string) => s.length - s.trimStart().length;
  const bad = indent(lines[line - 1] ?? '');
  for (let i = line - 2; i >= 0; i--) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    if (l.trimStart().startsWith('- ') && indent(l) < bad) {
      for (let j = i - 1; j >= 0; j--) {
        const k = lines[j]!;
        if (k.trim() === '' || k.trimStart().startsWith('- ')) continue;
        return indent(k) === indent(l);
      }
      return false;
    }
  }
  return false;
}

function keyAt(lines: string[], line: number, col: number): string {
  const m = (lines[line - 1] ?? '').slice(col - 1).match(/^["']?([^:"']+)/);
  return m ? m[1]!.trim() : '';
}
