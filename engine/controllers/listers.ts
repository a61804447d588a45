// Informer-style indexed reads for the controllers (client-go listers + indexers): "pods owned
// by uid X", "pods bound to node N", "objects with no controller in namespace ns". The indexes are
// derived from the store (rebuilt on load), so reading them is reading the API server's data;
// each read still fails like any verb while the API server is down.
import type { Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { RESOURCE_TYPES, resourceKey } from '../apiserver/registry.ts';
import type { Store } from '../store/store.ts';

export const OWNER_INDEX = 'owner';
export const NODE_INDEX = 'node';
export const ORPHAN_INDEX = 'orphan';

/** Resources the garbage collector and listers index by owner uid. */
export const INDEXED_RESOURCES = RESOURCE_TYPES.filter((t) => t.kind !== 'Event' && t.kind !== 'Binding').map(resourceKey);

const ownerReferencesOf = (o: KubeObject) => o.metadata.ownerReferences;
export const specOf = (o: KubeObject) => o['spec'];

/** Registers the indexes (idempotent). */
export function installIndexes(store: Store): void {
  for (const r of INDEXED_RESOURCES) {
    // Inputs (see Store.addIndex): what each index reads; the namespace never changes.
    store.addIndex(r, OWNER_INDEX, (o) => (o.metadata.ownerReferences ?? []).map((ref) => ref.uid), ownerReferencesOf);
    store.addIndex(r, ORPHAN_INDEX, (o) =>
      (o.metadata.ownerReferences ?? []).some((ref) => ref.controller) ? [] : [o.metadata.namespace ?? ''],
    ownerReferencesOf);
  }
  // "" = not yet bound: the scheduler's queue.
  store.addIndex('pods', NODE_INDEX, (o) => [((o as Pod).spec?.nodeName ?? '')], specOf);
}

function check(api: ApiServer): void {
  const err = api.availability();
  if (err) throw err;
}

/** Objects of `resource` in `namespace` that list `uid` among their ownerReferences. */
export function listOwnedBy<T extends KubeObject = KubeObject>(api: ApiServer, resource: string, namespace: string | undefined, uid: string): T[] {
  check(api);
  const all = api.store.byIndex(resource, OWNER_INDEX, uid) as T[];
  if (namespace === undefined) return all;
  // Dependents share their owner's namespace (a cross-namespace reference is the rare exception):
  // a second list of every pod of a large ReplicaSet is built only when one is elsewhere.
  for (let i = 0; i < all.length; i++) if (all[i]!.metadata.namespace !== namespace) return all.filter((o) => o.metadata.namespace === namespace);
  return all;
}

/** Objects of `resource` in `namespace` without a controller ownerReference (adoption candidates). */
export function listOrphans<T extends KubeObject = KubeObject>(api: ApiServer, resource: string, namespace: string): T[] {
  check(api);
  return api.store.byIndex(resource, ORPHAN_INDEX, namespace) as T[];
}

/** Pods bound to `node` ("" for pods not yet scheduled). */
export function listPodsOnNode(api: ApiServer, node: string): Pod[] {
  check(api);
  return api.store.byIndex('pods', NODE_INDEX, node) as Pod[];
}

/** Stable order for anything that must be deterministic across dump/load (index order is not). */
export function byName<T extends KubeObject>(a: T, b: T): number {
  const an = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const bn = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return an < bn ? -1 : an > bn ? 1 : 0;
}
