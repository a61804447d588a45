// base64 [-d|--decode] [-w COLS|--wrap=COLS] [-i] [FILE]: GNU coreutils' encoder and decoder,
// for the docs' `kubectl get secret ... -o jsonpath='{.data.password}' | base64 --decode`.
import type { Builtin } from './builtin.ts';
import { readInput } from './text-input.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!) + (c === undefined ? '=' : ALPHABET[n & 63]!);
  }
  return out;
}

/** Decodes up to the first character that is not base64 (GNU prints what it decoded, then fails). */
function decode(text: string, ignoreGarbage: boolean): { bytes: Uint8Array; ok: boolean } {
  let s = text.replace(/\n/g, '');
  if (ignoreGarbage) s = s.replace(/[^A-Za-z0-9+/=]/g, '');
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const v = ALPHABET.indexOf(s[i]!);
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 255);
    }
  }
  // Only padding may follow, and it must complete a 4-character group.
  const rest = s.slice(i);
  const ok = /^={0,2}$/.test(rest) && s.length % 4 === 0;
  return { bytes: Uint8Array.from(out), ok };
}

export const base64: Builtin = (cx) => {
  let decoding = false;
  let ignore = false;
  let wrap = 76;
  const files: string[] = [];
  for (let k = 0; k < cx.args.length; k++) {
    const a = cx.args[k]!;
    if (a === '-d' || a === '--decode') decoding = true;
    else if (a === '-i' || a === '--ignore-garbage') ignore = true;
    else if (a === '-w' || a.startsWith('--wrap=') || /^-w\d+$/.test(a)) {
      const v = a === '-w' ? cx.args[++k] : a.startsWith('--wrap=') ? a.slice(7) : a.slice(2);
      if (v === undefined || !/^\d+$/.test(v)) {
        cx.io.err(`base64: invalid wrap size: '${v ?? ''}'\n`);
        return 1;
      }
      wrap = Number(v);
    } else if (a.startsWith('-') && a !== '-') {
      cx.io.err(`base64: invalid option -- '${a.replace(/^-+/, '').slice(0, 1)}'\nTry 'base64 --help' for more information.\n`);
      return 1;
    } else files.push(a);
  }
  if (files.length > 1) {
    cx.io.err(`base64: extra operand '${files[1]}'\nTry 'base64 --help' for more information.\n`);
    return 1;
  }
  const text = readInput(cx, files, 'base64');
  if (text === undefined) return 1;
  if (decoding) {
    const { bytes, ok } = decode(text, ignore);
    cx.io.out(new TextDecoder().decode(bytes));
    if (ok) return 0;
    cx.io.err('base64: invalid input\n');
    return 1;
  }
  const encoded = encode(new TextEncoder().encode(text));
  const lines = wrap === 0 || encoded === '' ? [encoded] : encoded.match(new RegExp(`.{1,${wrap}}`, 'g'))!;
  // -w 0 prints no newline at all; empty input prints nothing.
  cx.io.out(wrap === 0 ? encoded : encoded === '' ? '' : lines.map((l) => `${l}\n`).join(''));
  return 0;
};
