// Decodes the Kubernetes protobuf wire format (`application/vnd.kubernetes.protobuf`) into the
// JSON form of the same object. kubectl's typed clients (create deployment, run, drain's
// evictions...) send protobuf bodies; the field table (proto-types.json, generated from the Go
// structs of k8s.io/api v0.32 by scripts/gen-bridge-proto.mjs) gives each field's number, JSON
// name and Go shape, so the JSON is what Go's encoding/json would print for the same struct
// (omitempty scalars dropped, non-pointer structs kept as {}).
import { rfc3339, rfc3339Micro } from '../time/clock.ts';
import { badRequest } from '../apiserver/status.ts';
import TABLE from './proto-types.json' with { type: 'json' };

/** [number, jsonName, shape, flags]; flags: 1 = omitempty, 2 = inline. */
type Field = [number, string, string, number];

const FIELDS = TABLE as unknown as Record<string, Field[]>;
const byNumber = new Map<string, Map<number, Field>>();

function fieldsOf(type: string): Map<number, Field> {
  let m = byNumber.get(type);
  if (!m) {
    m = new Map((FIELDS[type] ?? []).map((f) => [f[0], f]));
    byNumber.set(type, m);
  }
  return m;
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00]; // "k8s\0"

export function isProtobufEnvelope(b: Uint8Array): boolean {
  return b.length >= 4 && MAGIC.every((x, i) => b[i] === x);
}

class Reader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  bytes(): Uint8Array {
    const n = Number(readVarint(this));
    const start = this.pos;
    this.pos += n;
    if (this.pos > this.end) throw badRequest('protobuf: length past end of data');
    return this.buf.subarray(start, start + n);
  }

  skip(wt: number): void {
    if (wt === 0) readVarint(this);
    else if (wt === 1) this.pos += 8;
    else if (wt === 2) this.bytes();
    else if (wt === 5) this.pos += 4;
    else throw badRequest(`protobuf: unsupported wire type ${wt}`);
  }
}

/** A base-128 varint (up to 64 bits). */
function readVarint(r: Reader): bigint {
  let v = 0n;
  let shift = 0n;
  for (;;) {
    if (r.pos >= r.end) throw badRequest('protobuf: unexpected end of data');
    const b = r.buf[r.pos++]!;
    v |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if ((b & 0x80) === 0) return v;
  }
}

const utf8 = new TextDecoder();

function base64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return btoa(s);
}

function int64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

/** Go's time.Duration.String() for a whole number of nanoseconds. */
function goDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let n = Math.abs(ns);
  let out = '';
  if (n < 1e9) {
    if (n < 1e3) out = `${n}ns`;
    else if (n < 1e6) out = `${n / 1e3}µs`;
    else out = `${n / 1e6}ms`;
    return (neg ? '-' : '') + out;
  }
  const h = Math.floor(n / 3.6e12);
  n -= h * 3.6e12;
  const m = Math.floor(n / 6e10);
  n -= m * 6e10;
  const s = n / 1e9;
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  out += `${s}s`;
  return (neg ? '-' : '') + out;
}

function scalarOf(shape: string, wt: number, r: Reader): unknown {
  switch (shape) {
    case 's':
      return utf8.decode(r.bytes());
    case 'by':
      return base64(r.bytes());
    case 'b':
      return readVarint(r) !== 0n;
    case 'i32':
      return Number(BigInt.asIntN(32, readVarint(r)));
    case 'i64':
      return int64(readVarint(r));
    case 'f64': {
      if (wt !== 1) throw badRequest('protobuf: expected fixed64');
      const v = new DataView(r.buf.buffer, r.buf.byteOffset + r.pos, 8).getFloat64(0, true);
      r.pos += 8;
      return v;
    }
  }
  return undefined;
}

/** Decodes one value of `shape` (no pointer/repeated prefix) at the reader. */
function value(shape: string, wt: number, r: Reader): unknown {
  if (shape.startsWith('@') || shape.startsWith('~')) {
    const b = r.bytes();
    return message(shape, b);
  }
  return scalarOf(shape, wt, r);
}

function message(shape: string, b: Uint8Array): unknown {
  const r = new Reader(b);
  switch (shape) {
    case '@time':
    case '@microtime': {
      let seconds = 0;
      let nanos = 0;
      while (!r.done()) {
        const key = Number(readVarint(r));
        if (key >> 3 === 1) seconds = int64(readVarint(r));
        else if (key >> 3 === 2) nanos = Number(BigInt.asIntN(32, readVarint(r)));
        else r.skip(key & 7);
      }
      if (seconds === 0 && nanos === 0) return null;
      const ms = seconds * 1000 + Math.floor(nanos / 1e6);
      return shape === '@time' ? rfc3339(ms) : rfc3339Micro(ms);
    }
    case '@duration':
    case '@quantity':
    case '@raw':
    case '@fieldsv1': {
      let v: unknown = shape === '@quantity' ? '0' : shape === '@duration' ? '0s' : null;
      while (!r.done()) {
        const key = Number(readVarint(r));
        if (key >> 3 !== 1) {
          r.skip(key & 7);
          continue;
        }
        if (shape === '@duration') v = goDuration(int64(readVarint(r)));
        else if (shape === '@quantity') v = utf8.decode(r.bytes());
        else {
          const text = utf8.decode(r.bytes());
          try {
            v = text ? JSON.parse(text) : null;
          } catch {
            throw badRequest('protobuf: embedded object is not JSON');
          }
        }
      }
      return v;
    }
    case '@intstr': {
      let type = 0;
      let intVal = 0;
      let strVal = '';
      while (!r.done()) {
        const key = Number(readVarint(r));
        const n = key >> 3;
        if (n === 1) type = int64(readVarint(r));
        else if (n === 2) intVal = Number(BigInt.asIntN(32, readVarint(r)));
        else if (n === 3) strVal = utf8.decode(r.bytes());
        else r.skip(key & 7);
      }
      return type === 1 ? strVal : intVal;
    }
  }
  if (shape.startsWith('~')) {
    // A named slice wrapped as a message: repeated items = 1.
    const el = shape.slice(2);
    const items: unknown[] = [];
    while (!r.done()) {
      const key = Number(readVarint(r));
      if (key >> 3 === 1) items.push(value(el, key & 7, r));
      else r.skip(key & 7);
    }
    return items;
  }
  return struct(shape.slice(1), r);
}

function isScalar(shape: string): boolean {
  return shape === 's' || shape === 'b' || shape === 'i32' || shape === 'i64' || shape === 'f64' || shape === 'by';
}

function zeroOf(shape: string): unknown {
  switch (shape) {
    case 's':
    case 'by':
      return '';
    case 'b':
      return false;
    case 'i32':
    case 'i64':
    case 'f64':
      return 0;
  }
  return message(shape, new Uint8Array(0));
}

function struct(type: string, r: Reader): Record<string, unknown> {
  const fields = fieldsOf(type);
  const got = new Map<number, unknown>();
  while (!r.done()) {
    const key = Number(readVarint(r));
    const num = key >> 3;
    const wt = key & 7;
    const f = fields.get(num);
    if (!f) {
      r.skip(wt);
      continue;
    }
    let shape = f[2];
    if (shape.startsWith('*')) shape = shape.slice(1);
    if (shape.startsWith('[')) {
      const el = shape.slice(1);
      const list = (got.get(num) as unknown[] | undefined) ?? [];
      if (wt === 2 && isScalar(el) && el !== 's' && el !== 'by') {
        // Packed repeated scalars.
        const b = r.bytes();
        const pr = new Reader(b);
        while (!pr.done()) list.push(scalarOf(el, el === 'f64' ? 1 : 0, pr));
      } else list.push(value(el, wt, r));
      got.set(num, list);
    } else if (shape.startsWith('{')) {
      const valShape = shape.slice(1);
      const map = (got.get(num) as Record<string, unknown> | undefined) ?? {};
      const er = new Reader(r.bytes());
      let k = '';
      let v: unknown = zeroOf(valShape);
      while (!er.done()) {
        const ek = Number(readVarint(er));
        if (ek >> 3 === 1) k = utf8.decode(er.bytes());
        else if (ek >> 3 === 2) v = value(valShape, ek & 7, er);
        else er.skip(ek & 7);
      }
      map[k] = v;
      got.set(num, map);
    } else got.set(num, value(shape, wt, r));
  }

  // JSON as Go's encoding/json prints the struct: in declaration order.
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[type] ?? []) {
    const [num, name, rawShape, flags] = f;
    const omitempty = (flags & 1) !== 0;
    const inline = (flags & 2) !== 0;
    const pointer = rawShape.startsWith('*');
    const shape = pointer ? rawShape.slice(1) : rawShape;
    let v: unknown;
    if (got.has(num)) v = got.get(num);
    else if (pointer || shape.startsWith('[') || shape.startsWith('{')) continue;
    else v = zeroOf(shape);
    if (inline) {
      if (v && typeof v === 'object') Object.assign(out, v);
      continue;
    }
    if (!pointer && omitempty && (v === '' || v === 0 || v === false)) continue;
    if (omitempty && Array.isArray(v) && v.length === 0) continue;
    out[name] = v;
  }
  return out;
}

/** Decodes a `k8s\0` envelope (runtime.Unknown) into the object's JSON form. */
export function decodeProtobuf(b: Uint8Array): Record<string, unknown> {
  if (!isProtobufEnvelope(b)) throw badRequest('protobuf: missing k8s envelope');
  const r = new Reader(b, 4);
  let apiVersion = '';
  let kind = '';
  let raw: Uint8Array = new Uint8Array(0);
  while (!r.done()) {
    const key = Number(readVarint(r));
    const num = key >> 3;
    if (num === 1) {
      const tr = new Reader(r.bytes());
      while (!tr.done()) {
        const k = Number(readVarint(tr));
        if (k >> 3 === 1) apiVersion = utf8.decode(tr.bytes());
        else if (k >> 3 === 2) kind = utf8.decode(tr.bytes());
        else tr.skip(k & 7);
      }
    } else if (num === 2) raw = r.bytes();
    else r.skip(key & 7);
  }
  const type = FIELDS[`${apiVersion}.${kind}`] ? `${apiVersion}.${kind}` : FIELDS[`meta/v1.${kind}`] ? `meta/v1.${kind}` : undefined;
  if (!type) throw badRequest(`no kind "${kind}" is registered for version "${apiVersion}"`);
  return { kind, apiVersion, ...struct(type, new Reader(raw)) };
}
