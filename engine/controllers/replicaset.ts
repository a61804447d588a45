// The ReplicaSet controller. Mirrors pkg/controller/replicaset/replica_set.go: claim pods
// (adopt matching orphans, release pods whose labels no longer match), create or delete pods
// until the active count equals spec.replicas, then write status. Level-triggered: every call
// reads the pods fresh (through the owner index, not a full list).
import type { ReplicaSet } from '../api/apps-v1.ts';
import { cloneData } from '../api/clone.ts';
import type { Pod } from '../api/core-v1.ts';
import { fromLabelSelector, matches } from '../api/labels.ts';
import type { Condition, KubeObject, OwnerReference } from '../api/meta.ts';
import { ApiError } from '../apiserver/status.ts';
import { deepFreeze, type Store } from '../store/store.ts';
import { controllerOf, keyOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { listOrphans, listOwnedBy } from './listers.ts';
import { podFacts, podLabeled, podSelected, type PodFacts } from './pod-facts.ts';
import { isPodActive, isPodAvailable, isPodReady } from './pod-util.ts';

export const NAME = 'replicaset-controller';
export const SUCCESSFUL_CREATE = 'SuccessfulCreate';
export const SUCCESSFUL_DELETE = 'SuccessfulDelete';
export const FAILED_CREATE = 'FailedCreate';
export const FAILED_DELETE = 'FailedDelete';

const NO_KEYS: string[] = [];

/** burstReplicas: at most this many creates/deletes per sync. */
const BURST_REPLICAS = 500;

export function createReplicaSetController(store: Store): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'replicasets.apps' },
      {
        resource: 'pods',
        map: (obj, old) => {
          // The usual write keeps the controller reference (same frozen list): one owner key, no set.
          const ref = controllerOf(obj);
          if (ref && (!old || old.metadata.ownerReferences === obj.metadata.ownerReferences))
            return ref.kind === 'ReplicaSet' ? [`${obj.metadata.namespace}/${ref.name}`] : NO_KEYS;
          const keys = new Set<string>();
          for (const o of old ? [obj, old] : [obj]) {
            const ref = controllerOf(o);
            if (ref) {
              if (ref.kind === 'ReplicaSet') keys.add(`${o.metadata.namespace}/${ref.name}`);
            } else if (!o.metadata.deletionTimestamp) {
              // An orphan: every ReplicaSet whose selector matches may adopt it.
              for (const rs of store.list('replicasets.apps', o.metadata.namespace) as ReplicaSet[])
                if (matches(fromLabelSelector(rs.spec.selector) ?? [{ key: '', op: 'exists' }], o.metadata.labels)) keys.add(keyOf(rs));
            }
          }
          return [...keys];
        },
      },
    ],
    reconcile: (key, cx) => syncReplicaSet(key, cx),
  };
}

function ownerRefFor(rs: ReplicaSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function syncReplicaSet(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const rs = cx.api.tryGet<ReplicaSet>('replicasets.apps', namespace, name);
  if (!rs) return; // The garbage collector removes the pods.
  const ns = rs.metadata.namespace!;
  const uid = rs.metadata.uid!;
  const selector = fromLabelSelector(rs.spec.selector);
  const deleting = !!rs.metadata.deletionTimestamp;

  // Claim: release owned pods that no longer match, adopt matching orphans.
  // One pass over the owned pods keeps the active ones (this runs for every pod change of a
  // large ReplicaSet).
  let active: Pod[] = [];
  /** The facts of active[i] where the claim pass looked them up (the status counts reuse them). */
  let activeFacts: (PodFacts | undefined)[] = [];
  const released: Pod[] = [];
  // Per-pod answers are remembered per pod version (pod-facts.ts): most pods did not change since the last sync.
  for (const p of listOwnedBy<Pod>(cx.api, 'pods', ns, uid)) {
    const f = podFacts(p);
    if (f.controllerUid !== uid) continue;
    if (selector && !podSelected(p, f, rs.spec.selector, selector)) released.push(p);
    else if (f.active) {
      active.push(p);
      activeFacts.push(f);
    }
  }
  if (selector) {
    for (const p of released) {
      const next = structuredClone(p);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
      cx.api.update('pods', next);
    }
    if (!deleting)
      for (const p of listOrphans<Pod>(cx.api, 'pods', ns)) {
        if (p.metadata.deletionTimestamp || !matches(selector, p.metadata.labels)) continue;
        const next = structuredClone(p);
        next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefFor(rs)];
        const adopted = cx.api.update('pods', next).object;
        if (isPodActive(adopted)) active.push(adopted);
      }
  }

  let failure: string | undefined;
  if (!deleting) {
    const want = rs.spec.replicas ?? 1;
    const diff = active.length - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      for (let i = 0; i < n; i++) {
        try {
          // Trusted: a fresh object from a template the API server already decoded and size-checked.
          const pod = cx.api.create<Pod>('pods', ns, podFromTemplate(rs), { trusted: true }).object;
          cx.events.record(rs, { component: NAME }, 'Normal', SUCCESSFUL_CREATE, `Created pod: ${pod.metadata.name}`);
          active.push(pod);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          failure = e.status.message;
          cx.events.record(rs, { component: NAME }, 'Warning', FAILED_CREATE, `Error creating: ${e.status.message}`);
          break;
        }
      }
    } else if (diff > 0) {
      const victims = rankForDeletion(active, rs, cx.clock.now()).slice(0, Math.min(diff, BURST_REPLICAS));
      for (const v of victims) {
        cx.api.delete('pods', ns, v.metadata.name!);
        cx.events.record(rs, { component: NAME }, 'Normal', SUCCESSFUL_DELETE, `Deleted pod: ${v.metadata.name}`);
      }
      const gone = new Set(victims.map((v) => v.metadata.uid));
      activeFacts = activeFacts.filter((_, i) => !gone.has(active[i]!.metadata.uid));
      active = active.filter((p) => !gone.has(p.metadata.uid));
    }
  }

  const result = writeStatus(rs, active, activeFacts, failure, cx);
  if (failure) throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: failure, reason: 'InternalError', code: 500 });
  return result;
}

/** GetPodFromTemplate: labels, annotations and finalizers from the template; generateName `<rs>-`. */
/**
 * What every pod of a ReplicaSet carries alike, built once per stored spec (status writes keep
 * it) and frozen: pods share it rather than each holding its own copy (stored objects are never
 * changed in place, and the store skips frozen parts).
 */
interface PodCommon {
  generateName: string;
  labels: Record<string, string>;
  ownerReferences: OwnerReference[];
}
const commonOf = new WeakMap<ReplicaSet['spec'], PodCommon>();

function podCommon(rs: ReplicaSet): PodCommon {
  let c = commonOf.get(rs.spec);
  if (!c) {
    c = deepFreeze({
      generateName: `${rs.metadata.name}-`,
      labels: { ...(rs.spec.template.metadata?.labels ?? {}) },
      ownerReferences: [ownerRefFor(rs)],
    });
    // Only a stored (frozen) ReplicaSet's spec is a version that cannot change under the cache.
    if (Object.isFrozen(rs.spec)) commonOf.set(rs.spec, c);
  }
  return c;
}

export function podFromTemplate(rs: ReplicaSet): Pod {
  const t = rs.spec.template;
  const common = podCommon(rs);
  const meta: Pod['metadata'] = {
    generateName: common.generateName,
    namespace: rs.metadata.namespace!,
    labels: common.labels,
    ownerReferences: common.ownerReferences,
  };
  if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
  if (t.metadata?.finalizers) meta.finalizers = [...t.metadata.finalizers];
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: cloneData(t.spec) };
}

function phaseRank(p: Pod): number {
  const phase = p.status?.phase ?? 'Pending';
  return phase === 'Pending' ? 0 : phase === 'Unknown' ? 1 : 2;
}

function readySince(p: Pod): number {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : 0;
}

function restarts(p: Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** ActivePodsWithRanks.Less: the pods to delete first come first. */
export function rankForDeletion(pods: Pod[], rs: ReplicaSet, now: number): Pod[] {
  const perNode = new Map<string, number>();
  for (const p of pods) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const cost = (p: Pod) => Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;
  void rs;
  void now;
  return [...pods].sort((a, b) => {
    const an = a.spec.nodeName ? 1 : 0;
    const bn = b.spec.nodeName ? 1 : 0;
    if (an !== bn) return an - bn;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(a) - phaseRank(b);
    const ar = isPodReady(a) ? 1 : 0;
    const br = isPodReady(b) ? 1 : 0;
    if (ar !== br) return ar - br;
    if (cost(a) !== cost(b)) return cost(a) - cost(b);
    const ad = perNode.get(a.spec.nodeName ?? '') ?? 0;
    const bd = perNode.get(b.spec.nodeName ?? '') ?? 0;
    if (ad !== bd) return bd - ad;
    if (ar && br && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    const ac = a.metadata.creationTimestamp ?? '';
    const bc = b.metadata.creationTimestamp ?? '';
    if (ac !== bc) return ac < bc ? 1 : -1;
    return (a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : 1;
  });
}

const NO_LABELS: Record<string, string> = Object.freeze({});

/**
 * The status counts over the active pods. Its own function: the loop runs over every pod of a
 * big ReplicaSet, and a de-optimisation of the status code around it (a branch first taken)
 * would otherwise send the loop back to the interpreter too.
 */
function countPods(rs: ReplicaSet, active: Pod[], facts: readonly (PodFacts | undefined)[], minReady: number, now: number) {
  const labelsKey = rs.spec.template.metadata?.labels ?? NO_LABELS;
  const templateLabels = Object.entries(labelsKey);
  let ready = 0;
  let available = 0;
  let fullyLabeled = 0;
  let waitingForAvailable = false;
  for (let i = 0; i < active.length; i++) {
    const p = active[i]!;
    const f = facts[i] ?? podFacts(p);
    if (podLabeled(p, f, labelsKey, templateLabels)) fullyLabeled++;
    if (f.ready) {
      ready++;
      if (!minReady || isPodAvailable(p, minReady, now)) available++;
      else waitingForAvailable = true;
    }
  }
  return { ready, available, fullyLabeled, waitingForAvailable };
}

function writeStatus(rs: ReplicaSet, active: Pod[], facts: readonly (PodFacts | undefined)[], failure: string | undefined, cx: ReconcileContext): Result {
  const minReady = rs.spec.minReadySeconds ?? 0;
  const { ready, available, fullyLabeled, waitingForAvailable } = countPods(rs, active, facts, minReady, cx.clock.now());
  const status: NonNullable<ReplicaSet['status']> = { replicas: active.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (rs.metadata.generation !== undefined) status.observedGeneration = rs.metadata.generation;
  // calculateStatus: a ReplicaFailure condition is added once and kept while creates keep failing
  // (a new message per attempt, naming each generated pod, would be a status write per retry).
  const existing = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  const conds: Condition[] = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  if (failure) conds.push(existing ?? { type: 'ReplicaFailure', status: 'True', lastTransitionTime: cx.clock.nowRFC3339(), reason: 'FailedCreate', message: failure });
  if (conds.length) status.conditions = conds;
  if (JSON.stringify(status) !== JSON.stringify(rs.status ?? {})) {
    const next = structuredClone(rs) as KubeObject;
    next['status'] = status;
    cx.api.updateStatus('replicasets.apps', next);
  }
  return waitingForAvailable ? { requeueAfter: minReady * 1000 } : undefined;
}
