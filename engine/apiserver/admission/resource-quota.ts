// ResourceQuota (staging/src/k8s.io/apiserver/pkg/admission/plugin/resourcequota): a write that
// would take a namespace's usage past a quota's hard limits is refused with the upstream
// `exceeded quota` message; accepted creates are charged to status.used at once (as upstream
// does) so a burst of creates cannot overshoot before the quota controller recounts.
import type { KubeObject } from '../../api/meta.ts';
import { compareQuantity, formatQuantity, parseQuantity, type Quantity } from '../../api/quantity.ts';
import type { Store } from '../../store/store.ts';
import { admissionForbidden, type AdmissionPlugin } from './admission.ts';
import {
  addUsage, evaluatorFor, maskUsage, quotaMatches, removeZeros, subtractNonNegative, type Usage,
} from './quota-evaluators.ts';

export const RESOURCE_QUOTAS = 'resourcequotas';

type ResourceList = Record<string, string>;

export function toUsage(list: ResourceList | undefined): Usage {
  const u: Usage = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      u.set(k, parseQuantity(v));
    } catch {
      // An unparsable stored value cannot be compared; upstream could not store it either.
    }
  }
  return u;
}

export function fromUsage(u: Usage): ResourceList {
  const out: ResourceList = {};
  for (const k of [...u.keys()].sort()) out[k] = formatQuantity(u.get(k)!);
  return out;
}

/** prettyPrint: `name=value` sorted by name, comma-joined. */
function prettyPrint(u: Usage): string {
  return [...u.keys()].sort().map((k) => `${k}=${formatQuantity(u.get(k)!)}`).join(',');
}

function statusOf(quota: KubeObject): { hard?: ResourceList; used?: ResourceList } {
  return ((quota['status'] as object | undefined) ?? {}) as { hard?: ResourceList; used?: ResourceList };
}

function charge(store: Store, namespace: string, name: string, requested: Usage): void {
  const current = store.get(RESOURCE_QUOTAS, namespace, name);
  if (!current) return;
  const next = structuredClone(current) as KubeObject;
  const status = ((next['status'] as { hard?: ResourceList; used?: ResourceList } | undefined) ??= {});
  status.used = fromUsage(addUsage(toUsage(status.used), requested));
  store.put(RESOURCE_QUOTAS, next);
}

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  validate(req, cx) {
    if (!req.object || req.namespace === undefined || req.operation === 'DELETE') return;
    const e = evaluatorFor(req.resource);
    if (!e || !e.handles(req.operation, req.subresource)) return;
    const quotas = cx.store.list(RESOURCE_QUOTAS, req.namespace);
    if (!quotas.length) return;
    const obj = req.object;
    const now = cx.clock.now();
    const interesting: { quota: KubeObject; hard: Usage; used: Usage }[] = [];
    for (const quota of quotas) {
      const status = statusOf(quota);
      const hardNames = Object.keys(status.hard ?? {});
      if (!quotaMatches(quota, hardNames, e, obj)) continue;
      const restricted = e.matchingResources(hardNames);
      const why = e.constraints?.(restricted, obj);
      if (why) throw admissionForbidden(req, `failed quota: ${quota.metadata.name}: ${why}`);
      const missing = restricted.filter((r) => !(r in (status.used ?? {})));
      if (missing.length) throw admissionForbidden(req, `status unknown for quota: ${quota.metadata.name}, resources: ${missing.sort().join(',')}`);
      interesting.push({ quota, hard: toUsage(status.hard), used: toUsage(status.used) });
    }
    if (!interesting.length) return;
    const input = e.usage(obj, now);
    const prev = req.operation === 'UPDATE' && req.oldObject ? req.oldObject : undefined;
    for (const { quota, hard, used } of interesting) {
      const delta = removeZeros(prev && quotaMatches(quota, [...hard.keys()], e, prev) ? subtractNonNegative(input, e.usage(prev, now)) : input);
      if (!delta.size) continue;
      const requested = maskUsage(delta, hard.keys());
      const next = addUsage(used, requested);
      const exceeded = [...requested.keys()].filter((k) => compareQuantity(next.get(k)!, hard.get(k)!) > 0);
      if (exceeded.length)
        throw admissionForbidden(
          req,
          `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(maskUsage(requested, exceeded))}, used: ${prettyPrint(maskUsage(used, exceeded))}, limited: ${prettyPrint(maskUsage(hard, exceeded))}`,
        );
      if (requested.size) cx.afterCommit(() => charge(cx.store, req.namespace!, quota.metadata.name!, requested));
    }
  },
};

