// The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): pods with
// stable names `<sts>-<ordinal>`, hostname/subdomain for the headless Service, a PVC per
// volumeClaimTemplate and ordinal (`<template>-<sts>-<ordinal>`, kept after scale-down),
// OrderedReady (one at a time, each Running and Ready before the next; scale-down from the
// highest ordinal) or Parallel management, and RollingUpdate from the highest ordinal down to
// the partition, tracked with ControllerRevisions.
import type { PodTemplateSpec, Pod } from '../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../api/meta.ts';
import { controllerOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { ensureRevision, truncateHistory } from './controller-revision.ts';
import { listOwnedBy } from './listers.ts';
import { isPodAvailable, isPodReady } from './pod-util.ts';

export const NAME = 'statefulset-controller';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

interface ClaimTemplate {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

interface StatefulSetSpec {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  volumeClaimTemplates?: ClaimTemplate[];
}

type StatefulSet = KubeObject & { spec: StatefulSetSpec; status?: Record<string, unknown> };

export function createStatefulSetController(): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'statefulsets.apps' },
      {
        resource: 'pods',
        map: (o) => {
          const ref = controllerOf(o);
          return ref?.kind === 'StatefulSet' ? [`${o.metadata.namespace}/${ref.name}`] : [];
        },
      },
    ],
    reconcile: (key, cx) => sync(key, cx),
  };
}

const ordinalOf = (sts: StatefulSet, p: Pod) => {
  const m = new RegExp(`^${sts.metadata.name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(p.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
};
const isRunningReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

function claimName(t: ClaimTemplate, sts: StatefulSet, ordinal: number): string {
  return `${t.metadata?.name}-${sts.metadata.name}-${ordinal}`;
}

function newPod(sts: StatefulSet, ordinal: number, revision: string): Pod {
  const t = sts.spec.template;
  const name = `${sts.metadata.name}-${ordinal}`;
  const spec = structuredClone(t.spec);
  const claims = sts.spec.volumeClaimTemplates ?? [];
  if (claims.length) {
    const volumes = (spec.volumes ?? []).filter((v) => !claims.some((c) => c.metadata?.name === v.name));
    for (const c of claims) volumes.push({ name: c.metadata!.name!, persistentVolumeClaim: { claimName: claimName(c, sts, ordinal) } } as never);
    spec.volumes = volumes;
  }
  spec.hostname = name;
  if (sts.spec.serviceName) spec.subdomain = sts.spec.serviceName;
  const meta: Pod['metadata'] = {
    name,
    namespace: sts.metadata.namespace!,
    labels: { ...(t.metadata?.labels ?? {}), [REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: sts.metadata.name!, uid: sts.metadata.uid!, controller: true, blockOwnerDeletion: true }],
  };
  if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
}

function ensureClaims(cx: ReconcileContext, sts: StatefulSet, ordinal: number): void {
  const ns = sts.metadata.namespace!;
  for (const t of sts.spec.volumeClaimTemplates ?? []) {
    const name = claimName(t, sts, ordinal);
    if (cx.api.tryGet('persistentvolumeclaims', ns, name)) continue;
    const spec = structuredClone(t.spec ?? {});
    // What the DefaultStorageClass admission plugin would write (the API server lacks it yet).
    if (spec['storageClassName'] === undefined) {
      const dflt = cx.api.list('storageclasses.storage.k8s.io').find((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true');
      if (dflt) spec['storageClassName'] = dflt.metadata.name;
    }
    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: ns, labels: { ...(t.metadata?.labels ?? {}), ...(sts.spec.selector.matchLabels ?? {}) } },
      spec,
    };
    if (t.metadata?.annotations) claim.metadata.annotations = { ...t.metadata.annotations };
    cx.api.create('persistentvolumeclaims', ns, claim);
    cx.events.record(sts, { component: NAME }, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${sts.metadata.name}-${ordinal} in StatefulSet ${sts.metadata.name} success`);
  }
}

function sync(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const sts = cx.api.tryGet<StatefulSet>('statefulsets.apps', namespace, name);
  if (!sts || sts.metadata.deletionTimestamp) return;
  const ns = sts.metadata.namespace!;
  const replicas = sts.spec.replicas ?? 1;
  const parallel = sts.spec.podManagementPolicy === 'Parallel';
  const { current: updateRev, history } = ensureRevision(cx, sts, sts.spec.template);
  const updateRevision = updateRev.metadata.name!;
  let currentRevision = String(sts.status?.['currentRevision'] ?? updateRevision);
  const src = { component: NAME };

  const pods = listOwnedBy<Pod>(cx.api, 'pods', ns, sts.metadata.uid!).filter((p) => controllerOf(p)?.uid === sts.metadata.uid);
  const byOrdinal = new Map<number, Pod>();
  for (const p of pods) byOrdinal.set(ordinalOf(sts, p), p);

  const create = (ordinal: number, revision: string) => {
    ensureClaims(cx, sts, ordinal);
    const pod = cx.api.create<Pod>('pods', ns, newPod(sts, ordinal, revision)).object;
    byOrdinal.set(ordinal, pod);
    cx.events.record(sts, src, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${name} successful`);
  };
  const remove = (p: Pod) => {
    cx.api.delete('pods', ns, p.metadata.name!);
    cx.events.record(sts, src, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`);
  };

  const partition = sts.spec.updateStrategy?.type === 'OnDelete' ? Infinity : sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  // New pods get the update revision at ordinals >= partition, the current one below it.
  const revisionFor = (ordinal: number) => (ordinal >= partition || currentRevision === updateRevision ? updateRevision : currentRevision);

  let blocked = false;
  for (let i = 0; i < replicas && !blocked; i++) {
    const p = byOrdinal.get(i);
    if (!p) {
      create(i, revisionFor(i));
      if (!parallel) blocked = true;
      continue;
    }
    if (isTerminal(p) && !p.metadata.deletionTimestamp) {
      remove(p);
      if (!parallel) blocked = true;
      continue;
    }
    if (!parallel && (p.metadata.deletionTimestamp || !isRunningReady(p))) blocked = true;
  }
  // Condemned pods: highest ordinal first, one at a time unless Parallel.
  const condemned = [...byOrdinal.entries()].filter(([i]) => i >= replicas || i < 0).sort((a, b) => b[0] - a[0]);
  if (!blocked)
    for (const [, p] of condemned) {
      if (p.metadata.deletionTimestamp) {
        if (!parallel) break;
        continue;
      }
      remove(p);
      if (!parallel) break;
    }

  // RollingUpdate: once everything is Running and Ready, replace the highest ordinal not yet
  // on the update revision (down to the partition).
  const live = [...byOrdinal.entries()].filter(([i]) => i >= 0 && i < replicas);
  const allReady = live.length === replicas && live.every(([, p]) => isRunningReady(p) && !p.metadata.deletionTimestamp);
  if (!blocked && condemned.length === 0 && allReady && partition !== Infinity) {
    for (let i = replicas - 1; i >= partition; i--) {
      const p = byOrdinal.get(i)!;
      if (p.metadata.labels?.[REVISION_LABEL] !== updateRevision) {
        remove(p);
        break;
      }
    }
  }

  // Status.
  const now = cx.clock.now();
  const fresh = listOwnedBy<Pod>(cx.api, 'pods', ns, sts.metadata.uid!).filter((p) => controllerOf(p)?.uid === sts.metadata.uid && !isTerminal(p));
  const counted = fresh.filter((p) => !p.metadata.deletionTimestamp || true);
  const ready = counted.filter(isPodReady).length;
  const available = counted.filter((p) => isPodAvailable(p, sts.spec.minReadySeconds ?? 0, now)).length;
  const updated = counted.filter((p) => p.metadata.labels?.[REVISION_LABEL] === updateRevision).length;
  let current = counted.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision).length;
  if (updated === replicas && ready === replicas && counted.length === replicas) {
    currentRevision = updateRevision;
    current = updated;
  }
  const status: Record<string, unknown> = {
    availableReplicas: available,
    collisionCount: 0,
    currentReplicas: current,
    currentRevision,
    observedGeneration: sts.metadata.generation ?? 1,
    readyReplicas: ready,
    replicas: counted.length,
    updateRevision,
    updatedReplicas: updated,
  };
  if (!ready) delete status['readyReplicas'];
  if (!current) delete status['currentReplicas'];
  if (!updated) delete status['updatedReplicas'];
  if (JSON.stringify(status) !== JSON.stringify(sts.status ?? {})) {
    const next = structuredClone(sts) as KubeObject;
    next['status'] = status;
    cx.api.updateStatus('statefulsets.apps', next);
  }
  truncateHistory(cx, history, new Set([currentRevision, updateRevision]), sts.spec.revisionHistoryLimit ?? 10);
  const minReady = sts.spec.minReadySeconds ?? 0;
  return minReady && available < ready ? { requeueAfter: minReady * 1000 } : undefined;
}
