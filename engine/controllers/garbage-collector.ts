// The garbage collector (pkg/controller/garbagecollector). Keys are `resource|ns/name`.
// - Background: an object all of whose owners are gone is deleted (its own dependents follow).
// - Foreground: an owner carrying the `foregroundDeletion` finalizer gets its dependents deleted
//   (foreground too); the finalizer is removed once no blocking dependent is left.
// - Orphan: an owner carrying the `orphan` finalizer has the ownerReferences to it stripped from
//   its dependents, then the finalizer is removed.
// Upstream keeps a dependency graph; here the owner-uid index of the store plays that role.
import type { KubeObject, OwnerReference } from '../api/meta.ts';
import { typeForKind, resourceKey } from '../apiserver/registry.ts';
import type { Store } from '../store/store.ts';
import type { Controller, ReconcileContext, Result } from './controller.ts';
import { INDEXED_RESOURCES, OWNER_INDEX, listOwnedBy } from './listers.ts';

export const NAME = 'garbage-collector-controller';
export const FOREGROUND = 'foregroundDeletion';
export const ORPHAN = 'orphan';

function gcKey(resource: string, o: KubeObject): string {
  return `${resource}|${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** Equal as JSON; stored objects share unchanged (frozen) parts, so identity settles most cases. */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function ownerResource(ref: OwnerReference): string | undefined {
  const t = typeForKind(ref.apiVersion, ref.kind);
  return t ? resourceKey(t) : undefined;
}

/** Dependents of `uid` across every indexed resource. */
function dependentsOf(store: Store, uid: string): { resource: string; object: KubeObject }[] {
  const out: { resource: string; object: KubeObject }[] = [];
  for (const r of INDEXED_RESOURCES) for (const o of store.byIndex(r, OWNER_INDEX, uid)) out.push({ resource: r, object: o });
  return out;
}

export function createGarbageCollector(store: Store): Controller {
  return {
    name: NAME,
    watches: INDEXED_RESOURCES.map((resource) => ({
      resource,
      map: (o: KubeObject, old: KubeObject | undefined, deleted: boolean) => {
        const keys: string[] = [];
        const present = !deleted;
        if (!present) {
          // Deleted: its dependents may now be dangling; its owners may be waiting (foreground).
          for (const d of dependentsOf(store, o.metadata.uid!)) keys.push(gcKey(d.resource, d.object));
          for (const ref of o.metadata.ownerReferences ?? []) {
            const r = ownerResource(ref);
            if (r) keys.push(`${r}|${o.metadata.namespace ?? ''}/${ref.name}`);
          }
          return keys;
        }
        const fin = o.metadata.finalizers ?? [];
        if (o.metadata.deletionTimestamp && (fin.includes(FOREGROUND) || fin.includes(ORPHAN))) {
          const finChanged = !old || !sameJson(old.metadata.finalizers, o.metadata.finalizers) || !old.metadata.deletionTimestamp;
          if (finChanged) keys.push(gcKey(resource, o));
        }
        // New objects and changed ownerReferences may be dangling; plain status updates are not looked at.
        if (o.metadata.ownerReferences?.length && (!old || !sameJson(old.metadata.ownerReferences, o.metadata.ownerReferences)))
          keys.push(gcKey(resource, o));
        return keys;
      },
    })),
    resync: () => {
      const keys: string[] = [];
      for (const r of INDEXED_RESOURCES)
        for (const o of store.list(r)) if (o.metadata.ownerReferences?.length || o.metadata.deletionTimestamp) keys.push(gcKey(r, o));
      return keys;
    },
    reconcile: (key, cx) => collect(key, cx),
  };
}

function collect(key: string, cx: ReconcileContext): Result {
  const bar = key.indexOf('|');
  const resource = key.slice(0, bar);
  const rest = key.slice(bar + 1);
  const slash = rest.indexOf('/');
  const ns = rest.slice(0, slash) || undefined;
  const name = rest.slice(slash + 1);
  const obj = cx.api.tryGet(resource, ns, name);
  if (!obj) return;
  const fin = obj.metadata.finalizers ?? [];

  if (obj.metadata.deletionTimestamp && fin.includes(ORPHAN)) {
    for (const dep of dependentsAll(cx, obj)) {
      const next = structuredClone(dep.object);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid);
      if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
      cx.api.update(dep.resource, next);
    }
    removeFinalizer(cx, resource, obj, ORPHAN);
    return;
  }
  if (obj.metadata.deletionTimestamp && fin.includes(FOREGROUND)) {
    let blocking = 0;
    for (const dep of dependentsAll(cx, obj)) {
      const ref = dep.object.metadata.ownerReferences?.find((r) => r.uid === obj.metadata.uid);
      if (ref?.blockOwnerDeletion) blocking++;
      if (!dep.object.metadata.deletionTimestamp)
        cx.api.delete(dep.resource, dep.object.metadata.namespace, dep.object.metadata.name!, { propagationPolicy: 'Foreground' });
    }
    if (blocking === 0) removeFinalizer(cx, resource, obj, FOREGROUND);
    return;
  }

  // Dangling ownerReferences: delete when every owner is gone, otherwise drop the dead ones.
  const refs = obj.metadata.ownerReferences ?? [];
  if (!refs.length) return;
  const alive = refs.filter((ref) => ownerExists(cx, ref, obj.metadata.namespace));
  if (alive.length === refs.length) {
    // An owner being deleted in the foreground takes its dependents with it.
    for (const ref of refs) {
      const r = ownerResource(ref);
      const owner = r ? cx.api.tryGet(r, obj.metadata.namespace, ref.name) : undefined;
      if (owner?.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND)) cx.enqueue(`${r}|${obj.metadata.namespace ?? ''}/${ref.name}`);
    }
    return;
  }
  if (alive.length === 0) {
    if (!obj.metadata.deletionTimestamp) cx.api.delete(resource, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: 'Background', uid: obj.metadata.uid! });
    return;
  }
  const next = structuredClone(obj);
  next.metadata.ownerReferences = alive;
  cx.api.update(resource, next);
}

function dependentsAll(cx: ReconcileContext, owner: KubeObject): { resource: string; object: KubeObject }[] {
  const out: { resource: string; object: KubeObject }[] = [];
  for (const r of INDEXED_RESOURCES) for (const o of listOwnedBy(cx.api, r, undefined, owner.metadata.uid!)) out.push({ resource: r, object: o });
  return out;
}

function ownerExists(cx: ReconcileContext, ref: OwnerReference, namespace: string | undefined): boolean {
  const r = ownerResource(ref);
  if (!r) return true; // Unknown kinds are left alone (upstream: unresolvable owner, no action).
  const o = cx.api.tryGet(r, namespace, ref.name);
  return !!o && o.metadata.uid === ref.uid;
}

function removeFinalizer(cx: ReconcileContext, resource: string, obj: KubeObject, finalizer: string): void {
  const next = structuredClone(obj);
  next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
  cx.api.update(resource, next);
}
