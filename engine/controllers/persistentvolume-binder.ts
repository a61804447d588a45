// PersistentVolume binding and dynamic provisioning (pkg/controller/volume/persistentvolume and
// kind's rancher.io/local-path provisioner), simplified: an unbound claim of an Immediate class
// is provisioned at once; a WaitForFirstConsumer claim waits (event WaitForFirstConsumer) until a
// scheduled pod uses it, then gets a `pvc-<claim uid>` volume pinned to that pod's node. Claims
// naming an existing Available volume bind to it. A volume whose claim is gone is deleted
// (reclaimPolicy Delete) or Released (Retain).
import type { Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { Store } from '../store/store.ts';
import { specOf } from './listers.ts';
import { splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';

export const NAME = 'persistentvolume-controller';
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const LOCAL_PATH = 'rancher.io/local-path';
/** How the local-path provisioner signs its events (provisioner name + its pod + an id). */
const PROVISIONER_SOURCE = 'rancher.io/local-path_local-path-provisioner-7dc846544d-b4tkv_0a8b3cf6-8d62-4b52-9a4a-7b2d3c9e1f10';
const CLAIM_INDEX = 'claims';

type Claim = KubeObject & { spec: { storageClassName?: string; volumeName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> }; volumeMode?: string }; status?: Record<string, unknown> };
type Volume = KubeObject & { spec: Record<string, any>; status?: Record<string, unknown> };
type StorageClass = KubeObject & { provisioner?: string; reclaimPolicy?: string; volumeBindingMode?: string };

function claimsOf(pod: Pod): string[] {
  return (pod.spec?.volumes ?? []).map((v) => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName).filter((n): n is string => !!n);
}

export function createPersistentVolumeBinder(store: Store): Controller {
  // Pods by `ns/claim` they mount, to find a claim's first consumer without listing pods.
  store.addIndex('pods', CLAIM_INDEX, (o) => claimsOf(o as Pod).map((c) => `${o.metadata.namespace}/${c}`), specOf);
  return {
    name: NAME,
    watches: [
      {
        // A deleted claim releases its volume.
        resource: 'persistentvolumeclaims',
        map: (o, _old, deleted) => {
          const c = o as Claim;
          const present = !deleted;
          return present ? [`${o.metadata.namespace}/${o.metadata.name}`] : c.spec?.volumeName ? [`pv/${c.spec.volumeName}`] : [];
        },
      },
      { resource: 'persistentvolumes', map: (o) => [`pv/${o.metadata.name}`] },
      {
        resource: 'pods',
        map: (o, old) => ((o as Pod).spec?.nodeName && !(old as Pod | undefined)?.spec?.nodeName ? claimsOf(o as Pod).map((c) => `${o.metadata.namespace}/${c}`) : []),
      },
    ],
    reconcile: (key, cx) => (key.startsWith('pv/') ? syncVolume(key.slice(3), cx) : syncClaim(key, cx)),
  };
}

function classOf(cx: ReconcileContext, claim: Claim): StorageClass | undefined {
  const name = claim.spec.storageClassName;
  if (name === '') return undefined;
  if (name) return cx.api.tryGet<StorageClass>('storageclasses.storage.k8s.io', undefined, name);
  return cx.api.list<StorageClass>('storageclasses.storage.k8s.io').find((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
}

function syncClaim(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const claim = cx.api.tryGet<Claim>('persistentvolumeclaims', namespace, name);
  if (!claim || claim.metadata.deletionTimestamp) return;
  if (claim.spec.volumeName && claim.status?.['phase'] === 'Bound') return;
  const ns = claim.metadata.namespace!;
  if (claim.status?.['phase'] === undefined) setClaimPhase(cx, claim, 'Pending');

  // A claim naming a volume, or a matching Available volume: bind.
  const existing = claim.spec.volumeName ? cx.api.tryGet<Volume>('persistentvolumes', undefined, claim.spec.volumeName) : undefined;
  if (existing) return bind(cx, claim, existing, false);

  const sc = classOf(cx, claim);
  // (Upstream the DefaultStorageClass admission plugin writes the default class into
  // spec.storageClassName on create; until the API server has it, an unset class means the default.)
  if (!sc) {
    const available = cx.api.list<Volume>('persistentvolumes').find((v) => v.status?.['phase'] === 'Available' && !v.spec['claimRef'] && (v.spec['storageClassName'] ?? '') === (claim.spec.storageClassName ?? ''));
    if (available) return bind(cx, claim, available, true);
    if (claim.spec.storageClassName) return;
    cx.events.record(claim, { component: NAME }, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    return;
  }
  let node: string | undefined;
  if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
    const consumer = (cx.api.store.byIndex('pods', CLAIM_INDEX, `${ns}/${name}`) as Pod[]).find((p) => p.spec.nodeName && !p.metadata.deletionTimestamp);
    if (!consumer) {
      if (!claim.metadata.annotations?.['volume.kubernetes.io/selected-node'] && !waitedBefore(cx, claim))
        cx.events.record(claim, { component: NAME }, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return;
    }
    node = consumer.spec.nodeName!;
  }
  const provisioner = sc.provisioner ?? LOCAL_PATH;
  cx.events.record(claim, { component: NAME }, 'Normal', 'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`);
  const annotated = structuredClone(claim);
  annotated.metadata.annotations = {
    ...(annotated.metadata.annotations ?? {}),
    'volume.beta.kubernetes.io/storage-provisioner': provisioner,
    'volume.kubernetes.io/storage-provisioner': provisioner,
    ...(node ? { 'volume.kubernetes.io/selected-node': node } : {}),
  };
  const updated = cx.api.update<Claim>('persistentvolumeclaims', annotated).object;
  cx.events.record(updated, { component: PROVISIONER_SOURCE }, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`);
  const pvName = `pvc-${claim.metadata.uid}`;
  const pv: Volume = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: { ...(node ? { 'local.path.provisioner/selected-node': node } : {}), 'pv.kubernetes.io/provisioned-by': provisioner },
    },
    spec: {
      accessModes: claim.spec.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage: claim.spec.resources?.requests?.['storage'] ?? '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace: ns, resourceVersion: updated.metadata.resourceVersion, uid: claim.metadata.uid },
      hostPath: { path: `/var/local-path-provisioner/${pvName}_${ns}_${name}`, type: 'DirectoryOrCreate' },
      ...(node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } } } : {}),
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: claim.spec.volumeMode ?? 'Filesystem',
    },
  };
  const created = cx.api.create<Volume>('persistentvolumes', undefined, pv).object;
  cx.events.record(updated, { component: PROVISIONER_SOURCE }, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  return bind(cx, updated, created, true);
}

function waitedBefore(cx: ReconcileContext, claim: Claim): boolean {
  return cx.api.store.getRecord(`pv-binder/waited/${claim.metadata.uid}`) !== undefined || (cx.api.store.setRecord(`pv-binder/waited/${claim.metadata.uid}`, true), false);
}

function setClaimPhase(cx: ReconcileContext, claim: Claim, phase: string): void {
  const next = structuredClone(claim) as KubeObject;
  next['status'] = { phase };
  cx.api.updateStatus('persistentvolumeclaims', next);
}

function bind(cx: ReconcileContext, claim: Claim, pv: Volume, byController: boolean): Result {
  const fresh = cx.api.get<Claim>('persistentvolumeclaims', claim.metadata.namespace, claim.metadata.name!);
  if (!pv.spec['claimRef']) {
    const v = structuredClone(pv);
    v.spec['claimRef'] = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: fresh.metadata.name, namespace: fresh.metadata.namespace, resourceVersion: fresh.metadata.resourceVersion, uid: fresh.metadata.uid };
    pv = cx.api.update<Volume>('persistentvolumes', v).object;
  }
  const vs = structuredClone(pv) as KubeObject;
  vs['status'] = { lastPhaseTransitionTime: cx.clock.nowRFC3339(), phase: 'Bound' };
  cx.api.updateStatus('persistentvolumes', vs);
  const c = structuredClone(fresh);
  c.metadata.annotations = { 'pv.kubernetes.io/bind-completed': 'yes', ...(byController ? { 'pv.kubernetes.io/bound-by-controller': 'yes' } : {}), ...(c.metadata.annotations ?? {}) };
  c.spec.volumeName = pv.metadata.name!;
  const bound = cx.api.update<Claim>('persistentvolumeclaims', c).object;
  const cs = structuredClone(bound) as KubeObject;
  cs['status'] = { accessModes: pv.spec['accessModes'], capacity: pv.spec['capacity'], phase: 'Bound' };
  cx.api.updateStatus('persistentvolumeclaims', cs);
}

function syncVolume(name: string, cx: ReconcileContext): Result {
  const pv = cx.api.tryGet<Volume>('persistentvolumes', undefined, name);
  if (!pv || pv.metadata.deletionTimestamp) return;
  const ref = pv.spec['claimRef'] as { name: string; namespace: string; uid?: string } | undefined;
  if (!ref) {
    if (pv.status?.['phase'] !== 'Available') {
      const v = structuredClone(pv) as KubeObject;
      v['status'] = { lastPhaseTransitionTime: cx.clock.nowRFC3339(), phase: 'Available' };
      cx.api.updateStatus('persistentvolumes', v);
    }
    return;
  }
  const claim = cx.api.tryGet<Claim>('persistentvolumeclaims', ref.namespace, ref.name);
  if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) return;
  if (pv.status?.['phase'] !== 'Bound' && pv.status?.['phase'] !== 'Released') return;
  if (pv.spec['persistentVolumeReclaimPolicy'] === 'Delete') {
    cx.api.delete('persistentvolumes', undefined, name);
    return;
  }
  if (pv.status?.['phase'] !== 'Released') {
    const v = structuredClone(pv) as KubeObject;
    v['status'] = { lastPhaseTransitionTime: cx.clock.nowRFC3339(), phase: 'Released' };
    cx.api.updateStatus('persistentvolumes', v);
  }
}
