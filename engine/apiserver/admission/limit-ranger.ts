// LimitRanger (plugin/pkg/admission/limitranger): LimitRange defaults (default,
// defaultRequest) filled into containers that leave them unset (mutating), then min, max and
// maxLimitRequestRatio per Container, per Pod and per PersistentVolumeClaim (validating).
import type { Container, Pod } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { addQuantity, compareQuantity, formatQuantity, milliValue, parseQuantity, quantityValue, type Quantity } from '../../api/quantity.ts';
import { admissionForbidden, aggregate, type AdmissionPlugin, type AdmissionRequest } from './admission.ts';

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';

type ResourceList = Record<string, string>;
type QuantityList = Map<string, Quantity>;

interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

function items(lr: KubeObject): LimitRangeItem[] {
  return ((lr['spec'] as { limits?: LimitRangeItem[] } | undefined)?.limits ?? []).filter((l) => l && typeof l === 'object');
}

function q(v: string | number | undefined): Quantity | undefined {
  if (v === undefined || v === null) return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
}

function toList(list: ResourceList | undefined): QuantityList {
  const out: QuantityList = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const x = q(v);
    if (x) out.set(k, x);
  }
  return out;
}

const MAX_MILLI_VALUE = Number.MAX_SAFE_INTEGER / 1000;

/** requestLimitEnforcedValues: milli-units when nothing overflows, else whole units (rounded up). */
function enforcedValues(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [number, number, number] {
  const zero: Quantity = { mantissa: 0n, scale: 0, format: 'DecimalSI' };
  const r = req ?? zero;
  const l = lim ?? zero;
  const whole: [number, number, number] = [quantityValue(r), quantityValue(l), quantityValue(enforced)];
  if (whole.every((v) => v <= MAX_MILLI_VALUE)) return [milliValue(r), milliValue(l), milliValue(enforced)];
  return whole;
}

const str = formatQuantity;

function minConstraint(type: string, name: string, enforced: Quantity, request: QuantityList, limit: QuantityList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [r, l, e] = enforcedValues(req, lim, enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  if (lim && l < e) return `minimum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, request: QuantityList, limit: QuantityList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [r, l, e] = enforcedValues(req, lim, enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  if (req && r > e) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

/** PVCs: only requests count (a claim has no limits). */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, request: QuantityList): string | undefined {
  const req = request.get(name);
  const [r, , e] = enforcedValues(req, undefined, enforced);
  if (!req) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, request: QuantityList, limit: QuantityList): string | undefined {
  const req = request.get(name);
  const lim = limit.get(name);
  const [r, l] = enforcedValues(req, lim, enforced);
  const head = `${name} max limit to request ratio per ${type} is ${str(enforced)}`;
  if (!req || r === 0) return `${head}, but no request is specified or request is 0`;
  if (!lim || l === 0) return `${head}, but no limit is specified or limit is 0`;
  const observed = l / r;
  let ratio = observed;
  let max = quantityValue(enforced);
  if (max <= MAX_MILLI_VALUE) {
    ratio = observed * 1000;
    max = milliValue(enforced);
  }
  if (ratio > max) return `${head}, but provided ratio is ${observed.toFixed(6)}`;
  return undefined;
}

function check(item: LimitRangeItem, type: string, request: QuantityList, limit: QuantityList, errs: string[]): void {
  for (const [k, v] of toList(item.min)) pushIf(errs, minConstraint(type, k, v, request, limit));
  for (const [k, v] of toList(item.max)) pushIf(errs, maxConstraint(type, k, v, request, limit));
  for (const [k, v] of toList(item.maxLimitRequestRatio)) pushIf(errs, ratioConstraint(type, k, v, request, limit));
}

function pushIf(errs: string[], e: string | undefined): void {
  if (e) errs.push(e);
}

function add(into: QuantityList, from: QuantityList): void {
  for (const [k, v] of from) into.set(k, into.has(k) ? addQuantity(into.get(k)!, v) : v);
}

function maxInto(into: QuantityList, from: QuantityList): void {
  for (const [k, v] of from) if (!into.has(k) || compareQuantity(v, into.get(k)!) > 0) into.set(k, v);
}

/** The pod's effective requests or limits: containers and sidecars summed, init containers as a max. */
export function podResourceList(pod: Pod, which: 'requests' | 'limits'): QuantityList {
  const total: QuantityList = new Map();
  for (const c of pod.spec.containers ?? []) add(total, toList(c.resources?.[which] as ResourceList | undefined));
  const sidecars: QuantityList = new Map();
  const inits: QuantityList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const own = toList(c.resources?.[which] as ResourceList | undefined);
    if ((c as { restartPolicy?: string }).restartPolicy === 'Always') {
      add(total, own);
      add(sidecars, own);
      maxInto(inits, new Map(sidecars));
    } else {
      const tmp: QuantityList = new Map();
      add(tmp, own);
      add(tmp, sidecars);
      maxInto(inits, tmp);
    }
  }
  maxInto(total, inits);
  return total;
}

function mergeDefaults(c: Container, limits: ResourceList, requests: ResourceList, prefix: string, notes: string[]): void {
  const res = (c.resources ??= {});
  const lim = (res.limits ??= {}) as ResourceList;
  const req = (res.requests ??= {}) as ResourceList;
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(limits))
    if (!(k in lim)) {
      lim[k] = v;
      setLimits.push(k);
    }
  for (const [k, v] of Object.entries(requests))
    if (!(k in req)) {
      req[k] = v;
      setRequests.push(k);
    }
  if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  // An empty list serializes away, as upstream's omitempty maps do.
  if (!Object.keys(lim).length) delete res.limits;
  if (!Object.keys(req).length) delete res.requests;
}

function limitRanges(req: AdmissionRequest, store: import('../../store/store.ts').Store): KubeObject[] {
  return req.namespace === undefined ? [] : store.list('limitranges', req.namespace);
}

function supports(req: AdmissionRequest): boolean {
  if (req.subresource || !req.object || req.operation === 'DELETE') return false;
  // Pod containers are immutable after create: only creates are checked.
  if (req.resource === 'pods') return req.operation === 'CREATE';
  return req.resource === 'persistentvolumeclaims';
}

function ignoredBecauseDeleting(req: AdmissionRequest): boolean {
  return !!req.oldObject?.metadata.deletionTimestamp;
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  admit(req, cx) {
    if (!supports(req) || req.resource !== 'pods' || ignoredBecauseDeleting(req)) return;
    const pod = req.object as Pod;
    if (!pod.spec || typeof pod.spec !== 'object') return;
    for (const lr of limitRanges(req, cx.store)) {
      const limits: ResourceList = {};
      const requests: ResourceList = {};
      for (const item of items(lr)) {
        if (item.type !== 'Container') continue;
        Object.assign(requests, item.defaultRequest ?? {});
        Object.assign(limits, item.default ?? {});
      }
      const notes: string[] = [];
      for (const c of pod.spec.containers ?? []) mergeDefaults(c, limits, requests, 'container', notes);
      for (const c of pod.spec.initContainers ?? []) mergeDefaults(c, limits, requests, 'init container', notes);
      if (notes.length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
    }
  },
  validate(req, cx) {
    if (!supports(req) || ignoredBecauseDeleting(req)) return;
    const obj = req.object!;
    for (const lr of limitRanges(req, cx.store)) {
      const errs: string[] = [];
      if (req.resource === 'pods') {
        const pod = obj as Pod;
        if (!pod.spec || typeof pod.spec !== 'object') return;
        for (const item of items(lr)) {
          if (item.type === 'Container')
            for (const c of [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])])
              check(item, 'Container', toList(c.resources?.requests as ResourceList), toList(c.resources?.limits as ResourceList), errs);
          if (item.type === 'Pod') check(item, 'Pod', podResourceList(pod, 'requests'), podResourceList(pod, 'limits'), errs);
        }
      } else {
        const requests = toList((obj['spec'] as { resources?: { requests?: ResourceList } } | undefined)?.resources?.requests);
        for (const item of items(lr)) {
          if (item.type !== 'PersistentVolumeClaim') continue;
          for (const [k, v] of toList(item.min)) pushIf(errs, minConstraint('PersistentVolumeClaim', k, v, requests, new Map()));
          for (const [k, v] of toList(item.max)) pushIf(errs, maxRequestConstraint('PersistentVolumeClaim', k, v, requests));
        }
      }
      if (errs.length) throw admissionForbidden(req, aggregate(errs));
    }
  },
};
