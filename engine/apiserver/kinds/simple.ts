// Kinds with little behaviour of their own: Secret (type Opaque, data keys), ConfigMap (keys),
// Node (allocatable from capacity), ServiceAccount, Event.
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { forbidden, immutable, invalid, tooLong } from '../validation/field.ts';
import { configMapKeyErrors } from '../validation/names.ts';
import { canonicalizeResourceList } from './pod-defaults.ts';

type Rec = Record<string, unknown>;

const MAX_DATA_BYTES = 1024 * 1024;

function validateKeys(obj: KubeObject, fields: string[]): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  const seen = new Set<string>();
  for (const f of fields) {
    const data = obj[f] as Rec | undefined;
    if (!data || typeof data !== 'object') continue;
    for (const k of Object.keys(data)) {
      for (const m of configMapKeyErrors(k)) errs.push(invalid(`${f}[${k}]`, k, m));
      if (seen.has(k) && f === 'binaryData') errs.push(invalid(`${f}[${k}]`, k, 'duplicate of key present in data'));
      seen.add(k);
      size += String(data[k] ?? '').length;
    }
  }
  if (size > MAX_DATA_BYTES) errs.push(tooLong(fields[0]!, MAX_DATA_BYTES));
  return errs;
}

function immutableData(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old['immutable'] !== true) return [];
  const errs: FieldError[] = [];
  if (obj['immutable'] !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (JSON.stringify(obj[f] ?? {}) !== JSON.stringify(old[f] ?? {})) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

/** Secret data values are base64; stringData is merged into data on write. */
function encodeStringData(obj: KubeObject): void {
  const sd = obj['stringData'] as Rec | undefined;
  if (!sd) return;
  const data = ((obj['data'] as Rec | undefined) ??= {});
  for (const [k, v] of Object.entries(sd)) data[k] = base64(String(v));
  delete obj['stringData'];
}

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const secretStrategy: KindStrategy = {
  defaults(obj) {
    obj['type'] ||= 'Opaque';
    encodeStringData(obj);
  },
  validate(obj) {
    const errs = validateKeys(obj, ['data']);
    const type = obj['type'] as string;
    const data = (obj['data'] as Rec | undefined) ?? {};
    if (type === 'kubernetes.io/tls')
      for (const k of ['tls.crt', 'tls.key']) if (!(k in data)) errs.push({ type: 'FieldValueRequired', field: `data[${k}]` });
    if (type === 'kubernetes.io/dockerconfigjson' && !('.dockerconfigjson' in data))
      errs.push({ type: 'FieldValueRequired', field: 'data[.dockerconfigjson]' });
    if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data))
      errs.push({ type: 'FieldValueRequired', field: 'data[username]' });
    return errs;
  },
  validateUpdate(obj, old) {
    return [...this.validate!(obj, undefined as never), ...immutable('type', obj['type'], old['type']), ...immutableData(obj, old, ['data'])];
  },
};

export const configMapStrategy: KindStrategy = {
  validate(obj) {
    return validateKeys(obj, ['data', 'binaryData']);
  },
  validateUpdate(obj, old) {
    return [...validateKeys(obj, ['data', 'binaryData']), ...immutableData(obj, old, ['data', 'binaryData'])];
  },
};

export const nodeStrategy: KindStrategy = {
  defaults(obj) {
    const status = obj['status'] as Rec | undefined;
    if (!status) return;
    canonicalizeResourceList(status['capacity'] as Rec | undefined);
    canonicalizeResourceList(status['allocatable'] as Rec | undefined);
    if (status['capacity'] && !status['allocatable']) status['allocatable'] = structuredClone(status['capacity']);
  },
};
