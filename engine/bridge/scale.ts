// The /scale subresource (autoscaling/v1 Scale) of deployments, replicasets and statefulsets:
// `kubectl scale` PATCHes it; the change lands in the parent's spec.replicas.
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { applyJsonPatch } from '../apiserver/patch/json-patch.ts';
import { applyMergePatch } from '../apiserver/patch/merge-patch.ts';
import { applyStrategicMergePatch } from '../apiserver/patch/strategic-merge-patch.ts';
import { type ResourceType, resourceKey } from '../apiserver/registry.ts';
import { ApiError, badRequest, conflict, OPTIMISTIC_LOCK_MESSAGE } from '../apiserver/status.ts';
import { formatLabelSelector } from '../kubectl/printers/columns/selector.ts';

export interface Scale {
  apiVersion: 'autoscaling/v1';
  kind: 'Scale';
  metadata: Record<string, unknown>;
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export function toScale(o: KubeObject): Scale {
  const m = o.metadata;
  const spec = (o['spec'] ?? {}) as { replicas?: number; selector?: never };
  const status = (o['status'] ?? {}) as { replicas?: number };
  const selector = formatLabelSelector(spec.selector);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(selector !== '<none>' ? { selector } : {}) },
  };
}

export type ScalePatchType = 'merge' | 'json' | 'strategic';

/** PATCH or PUT .../scale: computes the new Scale, writes spec.replicas of the parent. */
export function writeScale(
  api: ApiServer,
  t: ResourceType,
  namespace: string | undefined,
  name: string,
  change: { put: Scale } | { patch: unknown; type: ScalePatchType },
  dryRun: boolean,
): { object: Scale; warnings: string[] } {
  const key = resourceKey(t);
  const current = api.get(key, namespace, name);
  const scale = toScale(current);
  let next: Scale;
  if ('put' in change) next = change.put;
  else
    try {
      if (change.type === 'json') next = applyJsonPatch(scale, change.patch) as Scale;
      else if (change.type === 'merge') next = applyMergePatch(scale, change.patch) as Scale;
      else next = applyStrategicMergePatch(scale, change.patch) as Scale;
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw badRequest((e as Error).message);
    }
  const rv = next.metadata?.['resourceVersion'];
  if (typeof rv === 'string' && rv && rv !== current.metadata.resourceVersion)
    throw conflict({ group: t.group, resource: t.plural }, name, OPTIMISTIC_LOCK_MESSAGE);
  const replicas = next.spec?.replicas;
  const r = api.patch(key, namespace, name, 'merge', { spec: { replicas: replicas ?? 0 } }, { dryRun });
  return { object: toScale(r.object), warnings: r.warnings };
}
