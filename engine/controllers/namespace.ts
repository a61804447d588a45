// The namespace controller (pkg/controller/namespace): empties a Terminating namespace by
// deleting every namespaced object in it, then clears spec.finalizers so the API server
// removes the namespace. Pods take their grace period, so it re-checks until nothing is left.
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { RESOURCE_TYPES, resourceKey } from '../apiserver/registry.ts';
import type { Controller, ReconcileContext, Result } from './controller.ts';

export const NAME = 'namespace-controller';
/** How long to wait before looking again while content is still going away. */
const RECHECK_MS = 1000;

/** Namespaced resources that can hold content (core events too: they go with the namespace). */
const CONTENT = RESOURCE_TYPES.filter((t) => t.namespaced && t.verbs.includes('delete') && !(t.group === 'events.k8s.io'))
  .map(resourceKey)
  .filter((k, i, all) => all.indexOf(k) === i);

function remaining(api: ApiServer, ns: string): { resource: string; object: KubeObject }[] {
  const out: { resource: string; object: KubeObject }[] = [];
  for (const resource of CONTENT) for (const object of api.list(resource, ns)) out.push({ resource, object });
  return out;
}

export function createNamespaceController(): Controller {
  return {
    name: NAME,
    watches: [{ resource: 'namespaces' }],
    reconcile(key: string, cx: ReconcileContext): Result {
      const ns = cx.api.tryGet('namespaces', undefined, key);
      if (!ns?.metadata.deletionTimestamp) return;
      const left = remaining(cx.api, key);
      for (const { resource, object } of left) {
        if (object.metadata.deletionTimestamp) continue;
        try {
          cx.api.delete(resource, key, object.metadata.name!, { propagationPolicy: 'Background' });
        } catch {
          // Gone already or not deletable now: the next pass sees it.
        }
      }
      if (remaining(cx.api, key).length) return { requeueAfter: RECHECK_MS };
      const finalizers = ((ns['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => f !== 'kubernetes');
      cx.api.finalizeNamespace(key, finalizers);
    },
  };
}
