// The resourcequota controller (pkg/controller/resourcequota): keeps every ResourceQuota's
// status.hard (= spec.hard) and status.used (recounted from the stored objects of its
// namespace) current. Admission charges creates at once; this controller catches up with
// spec changes and gives usage back when objects are deleted or pods finish.
import type { Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { addQuantity, type Quantity } from '../api/quantity.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { RESOURCE_TYPES, resourceKey } from '../apiserver/registry.ts';
import { evaluatorFor, quotaMatches, type Usage } from '../apiserver/admission/quota-evaluators.ts';
import { fromUsage, RESOURCE_QUOTAS, toUsage } from '../apiserver/admission/resource-quota.ts';
import type { Store } from '../store/store.ts';
import type { Controller, ReconcileContext, Result, WatchSpec } from './controller.ts';

export const NAME = 'resourcequota-controller';

type ResourceList = Record<string, string>;

/** Namespaced kinds whose objects a quota can count (events are never quota'd here). */
const COUNTED = RESOURCE_TYPES.filter((t) => t.namespaced && t.verbs.includes('create') && t.verbs.includes('list') && t.plural !== 'events')
  .map(resourceKey)
  .filter((k, i, all) => all.indexOf(k) === i && k !== RESOURCE_QUOTAS);

function terminal(p: Pod | undefined): boolean {
  const phase = p?.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Modifications that change what an object charges (creates are charged by admission). */
function usageChanged(resource: string, obj: KubeObject, old: KubeObject): boolean {
  if (resource === 'pods')
    return terminal(obj as Pod) !== terminal(old as Pod) || !!obj.metadata.deletionTimestamp !== !!old.metadata.deletionTimestamp;
  if (resource === 'services' || resource === 'persistentvolumeclaims') {
    const a = obj['spec'] as Record<string, unknown> | undefined;
    const b = old['spec'] as Record<string, unknown> | undefined;
    return JSON.stringify([a?.['type'], a?.['ports'], a?.['resources']]) !== JSON.stringify([b?.['type'], b?.['ports'], b?.['resources']]);
  }
  return false;
}

/** The store resource a quota name counts, for `count/<resource>[.<group>]` names. */
function resourcesFor(hardNames: string[]): string[] {
  const out = new Set<string>();
  for (const r of COUNTED) {
    const e = evaluatorFor(r);
    if (e && e.matchingResources(hardNames).length) out.add(r);
  }
  return [...out];
}

/** CalculateUsage: zero for every tracked name, plus each matching object's charge. */
export function calculateUsage(api: ApiServer, quota: KubeObject, now: number): Usage {
  const hard = toUsage(((quota['spec'] as { hard?: ResourceList } | undefined) ?? {}).hard);
  const names = [...hard.keys()];
  const used: Usage = new Map();
  const ns = quota.metadata.namespace!;
  for (const resource of resourcesFor(names)) {
    const e = evaluatorFor(resource)!;
    const tracked = e.matchingResources(names);
    const zero: Quantity = { mantissa: 0n, scale: 0, format: 'DecimalSI' };
    for (const n of tracked) if (!used.has(n)) used.set(n, zero);
    for (const obj of api.list(resource, ns)) {
      if (!quotaMatches(quota, names, e, obj)) continue;
      for (const [k, v] of e.usage(obj, now)) {
        if (!tracked.includes(k)) continue;
        const cur = used.get(k)!;
        used.set(k, addQuantity(cur, v));
      }
    }
  }
  return used;
}

function syncQuota(cx: ReconcileContext, quota: KubeObject): void {
  const hard = ((quota['spec'] as { hard?: ResourceList } | undefined) ?? {}).hard ?? {};
  const used = fromUsage(calculateUsage(cx.api, quota, cx.clock.now()));
  const hardOut = fromUsage(toUsage(hard));
  const status = (quota['status'] ?? {}) as { hard?: ResourceList; used?: ResourceList };
  if (JSON.stringify(status.hard ?? {}) === JSON.stringify(hardOut) && JSON.stringify(status.used ?? {}) === JSON.stringify(used)) return;
  const next = structuredClone(quota) as KubeObject;
  next['status'] = { hard: hardOut, used };
  cx.api.updateStatus(RESOURCE_QUOTAS, next);
}

/**
 * Keys are namespaces: any change that can move usage re-counts every quota there. With the
 * store, events in namespaces without quotas are dropped before they reach the queue.
 */
export function createResourceQuotaController(store?: Store): Controller {
  const hasQuota = (ns: string | undefined) => ns !== undefined && (!store || store.list(RESOURCE_QUOTAS, ns).length > 0);
  const watches: WatchSpec[] = [
    { resource: RESOURCE_QUOTAS, map: (o) => [o.metadata.namespace!] },
    ...COUNTED.map((resource) => ({
      resource,
      map: (o: KubeObject, old: KubeObject | undefined) => {
        if (!hasQuota(o.metadata.namespace)) return [];
        // Added (already charged by admission) or deleted: recount; modified: only if it moves usage.
        if (old && !usageChanged(resource, o, old)) return [];
        return [o.metadata.namespace!];
      },
    })),
  ];
  return {
    name: NAME,
    watches,
    resync(cx) {
      return [...new Set(cx.api.list(RESOURCE_QUOTAS).map((q) => q.metadata.namespace!))];
    },
    reconcile(key: string, cx: ReconcileContext): Result {
      for (const quota of cx.api.list(RESOURCE_QUOTAS, key)) syncQuota(cx, quota);
    },
  };
}
