// The owner label of a pod chip: the Deployment behind a ReplicaSet, or the direct
// controller (Job, StatefulSet, DaemonSet...), or the pod itself when it has none.
import type { KubeObject } from '../../engine/engine-api.ts';
import type { ClusterModel } from './cluster-model.ts';

export interface OwnerLabel {
  kind: string;
  name: string;
}

export function controllerOf(obj: KubeObject): { kind: string; name: string } | undefined {
  const refs = obj.metadata.ownerReferences ?? [];
  return refs.find((r) => r.controller) ?? refs[0];
}

export function podOwner(pod: KubeObject, model: ClusterModel | undefined): OwnerLabel | undefined {
  const ref = controllerOf(pod);
  if (!ref) return undefined;
  if (ref.kind !== 'ReplicaSet') return { kind: ref.kind, name: ref.name };
  const rs = model?.get('ReplicaSet', pod.metadata.namespace, ref.name);
  const rsOwner = rs ? controllerOf(rs) : undefined;
  if (rsOwner?.kind === 'Deployment') return { kind: 'Deployment', name: rsOwner.name };
  if (rs && !rsOwner) return { kind: 'ReplicaSet', name: ref.name };
  // The ReplicaSet is not known (yet): a Deployment names it `<deployment>-<pod-template-hash>`.
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (hash && ref.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: ref.name.slice(0, -hash.length - 1) };
  return { kind: 'ReplicaSet', name: ref.name };
}
