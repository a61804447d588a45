// kubectl apply's three-way strategic merge patch (apimachinery strategicpatch.
// CreateThreeWayMergePatch, simplified): fields in `modified` that differ from `current`
// are set, fields the last applied configuration had but `modified` dropped are deleted
// (null), and lists with a merge key (containers by name, ...) are patched item by item
// with `$patch: delete` for removed items. Fields only the server set are left alone.

const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', env: 'name', volumes: 'name',
  volumeMounts: 'mountPath', imagePullSecrets: 'name', tolerations: 'key', hostAliases: 'ip',
};

type Obj = Record<string, unknown>;

/** Container ports merge by containerPort, Service ports by port. */
function mergeKey(field: string, items: unknown[]): string | undefined {
  if (field === 'ports') return items.some((i) => isObj(i) && 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export function threeWayPatch(original: unknown, modified: Obj, current: Obj): Obj {
  return diffObject(isObj(original) ? original : undefined, modified, current);
}

function diffObject(original: Obj | undefined, modified: Obj, current: Obj): Obj {
  const patch: Obj = {};
  for (const [k, m] of Object.entries(modified)) {
    const c = current[k];
    const o = original?.[k];
    if (!(k in current)) {
      patch[k] = m;
    } else if (isObj(m) && isObj(c)) {
      const sub = diffObject(isObj(o) ? o : undefined, m, c);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (Array.isArray(m) && Array.isArray(c) && mergeKey(k, m) && [...m, ...c].every(isObj)) {
      const sub = diffList(mergeKey(k, m)!, Array.isArray(o) ? (o as Obj[]) : undefined, m as Obj[], c as Obj[]);
      if (sub) patch[k] = sub;
    } else if (!equal(m, c)) patch[k] = m;
  }
  for (const k of Object.keys(original ?? {})) if (!(k in modified) && k in current) patch[k] = null;
  return patch;
}

function diffList(key: string, original: Obj[] | undefined, modified: Obj[], current: Obj[]): Obj[] | undefined {
  const out: Obj[] = [];
  let changed = false;
  for (const m of modified) {
    const c = current.find((x) => x[key] === m[key]);
    if (!c) {
      out.push(m);
      changed = true;
      continue;
    }
    const o = original?.find((x) => x[key] === m[key]);
    const sub = diffObject(o, m, c);
    if (Object.keys(sub).length) changed = true;
    out.push({ ...sub, [key]: m[key] });
  }
  for (const o of original ?? []) {
    if (!modified.some((m) => m[key] === o[key]) && current.some((c) => c[key] === o[key])) {
      out.push({ [key]: o[key], $patch: 'delete' });
      changed = true;
    }
  }
  // Order follows `modified`; an order-only change rewrites the list like $setElementOrder.
  const order = current.map((c) => c[key]).filter((v) => modified.some((m) => m[key] === v));
  if (!changed && order.every((v, i) => v === modified[i]?.[key])) return undefined;
  return out;
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}
