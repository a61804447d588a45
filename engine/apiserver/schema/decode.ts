// The API server's decoding step, driven by the OpenAPI field types: wrong JSON types are
// rejected with Go's encoding/json message, unknown fields are dropped and reported as
// `unknown field "spec.replica"` (a warning, or an error under fieldValidation=Strict).
import { DEFINITIONS, ROOTS } from './openapi-types.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeResult {
  /** Go's first type error, e.g. `json: cannot unmarshal string into Go struct field ...`. */
  error?: string;
  unknown: string[];
}

const INT_LIMITS: Record<string, [number, number]> = {
  i32: [-2147483648, 2147483647],
  i64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** Go's reflect name of a field type: `int32`, `[]v1.Container`, `map[string]string`. */
function goType(t: string): string {
  if (t.startsWith('[')) return `[]${goType(t.slice(1))}`;
  if (t.startsWith('{')) return `map[string]${goType(t.slice(1))}`;
  if (t.startsWith('@')) {
    const parts = t.slice(1).split('.');
    return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
  }
  switch (t) {
    case 's':
    case 't':
      return 'string';
    case 'b':
      return 'bool';
    case 'i32':
      return 'int32';
    case 'i64':
      return 'int64';
    case 'f':
      return 'float64';
    case 'by':
      return '[]uint8';
    case 'q':
      return 'resource.Quantity';
    case 'ios':
      return 'intstr.IntOrString';
    default:
      return 'interface {}';
  }
}

function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

/** Index of the first byte Go's base64.StdEncoding rejects, or -1. */
export function base64ErrorIndex(s: string): number {
  const bad = s.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  const pad = s.indexOf('=');
  if (pad >= 0 && (/[^=]/.test(s.slice(pad)) || s.length % 4 !== 0)) return pad;
  if (s.length % 4 === 1) return s.length - 1;
  return -1;
}

class Walker {
  error?: string;
  unknown: string[] = [];
  constructor(private readonly drop: boolean) {}

  fail(v: unknown, struct: string, path: string, t: string, literal = false): void {
    if (this.error) return;
    const value = literal ? `number ${String(v)}` : jsonKind(v);
    this.error = `json: cannot unmarshal ${value} into Go struct field ${struct}.${path} of type ${goType(t)}`;
  }

  value(v: unknown, t: string, struct: string, path: string, fpath: string): void {
    if (v === null || v === undefined) return;
    switch (t) {
      case 's':
      case 't':
        if (typeof v !== 'string') this.fail(v, struct, path, t);
        return;
      case 'b':
        if (typeof v !== 'boolean') this.fail(v, struct, path, t);
        return;
      case 'i32':
      case 'i64': {
        if (typeof v !== 'number') return this.fail(v, struct, path, t);
        const [lo, hi] = INT_LIMITS[t]!;
        if (!Number.isInteger(v) || v < lo || v > hi) this.fail(v, struct, path, t, true);
        return;
      }
      case 'f':
        if (typeof v !== 'number') this.fail(v, struct, path, t);
        return;
      case 'by':
        if (typeof v !== 'string') return this.fail(v, struct, path, t);
        if (!this.error) {
          const i = base64ErrorIndex(v);
          if (i >= 0) this.error = `illegal base64 data at input byte ${i}`;
        }
        return;
      case 'q':
        if (typeof v !== 'string' && typeof v !== 'number' && !this.error)
          this.error = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
        return;
      case 'ios':
        if (typeof v !== 'string' && typeof v !== 'number' && !this.error) this.error = `json: cannot unmarshal ${jsonKind(v)} into Go value of type int32`;
        return;
      case 'x':
        return;
    }
    if (t.startsWith('[')) {
      if (!Array.isArray(v)) return this.fail(v, struct, path, t);
      const et = t.slice(1);
      v.forEach((item, i) => this.value(item, et, struct, path, `${fpath}[${i}]`));
      return;
    }
    if (t.startsWith('{')) {
      if (typeof v !== 'object' || Array.isArray(v)) return this.fail(v, struct, path, t);
      const et = t.slice(1);
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) this.value(item, et, struct, path, `${fpath}.${k}`);
      return;
    }
    if (t.startsWith('@')) {
      if (typeof v !== 'object' || Array.isArray(v)) return this.fail(v, struct, path, t);
      this.struct(v as Record<string, unknown>, t.slice(1), path, fpath);
    }
  }

  struct(o: Record<string, unknown>, def: string, path: string, fpath: string): void {
    const props = DEFINITIONS[def];
    if (!props) return;
    const name = def.slice(def.lastIndexOf('.') + 1);
    for (const k of Object.keys(o)) {
      const t = props[k];
      const fp = fpath ? `${fpath}.${k}` : k;
      if (t === undefined) {
        this.unknown.push(fp);
        if (this.drop) delete o[k];
        continue;
      }
      this.value(o[k], t, name, path ? `${path}.${k}` : k, fp);
    }
  }
}

/** The schema name for an apiVersion/kind ("apps/v1", "Deployment"), if the kind is known. */
export function rootDefinition(apiVersion: string, kind: string): string | undefined {
  return ROOTS[`${apiVersion}/${kind}`];
}

/**
 * Checks `obj` (mutated: unknown fields are removed unless Strict) against its kind's schema.
 * The caller words the error: `<Kind> in version "<v>" cannot be handled as a <Kind>: <error>`.
 */
export function decodeObject(obj: Record<string, unknown>, def: string, mode: FieldValidation): DecodeResult {
  const w = new Walker(mode !== 'Strict');
  w.struct(obj, def, '', '');
  return { error: w.error, unknown: mode === 'Ignore' ? [] : w.unknown };
}
