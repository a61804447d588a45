// The disruption controller (pkg/controller/disruption): keeps each PodDisruptionBudget's
// status — expectedPods, currentHealthy, desiredHealthy, disruptionsAllowed and the
// DisruptionAllowed condition — from the pods its selector matches. The eviction subresource
// reads disruptionsAllowed and records evicted pods in status.disruptedPods until they are gone.
import type { LabelSelector } from '../api/meta.ts';
import type { KubeObject } from '../api/meta.ts';
import type { Pod } from '../api/core-v1.ts';
import { selectorMatches } from '../api/labels.ts';
import { parseTime } from '../time/clock.ts';
import type { Store } from '../store/store.ts';
import { keyOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { isPodReady } from './pod-util.ts';

export const NAME = 'disruption-controller';
/** How long an evicted pod stays in disruptedPods if its deletion is not observed (DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60_000;

export interface PodDisruptionBudget extends KubeObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector };
  status?: {
    observedGeneration?: number;
    disruptedPods?: Record<string, string>;
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
    conditions?: { type: string; status: string; reason: string; message: string; observedGeneration?: number; lastTransitionTime: string }[];
  };
}

const PDB = 'poddisruptionbudgets.policy';

function scaled(v: number | string, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = Number(v.replace('%', ''));
  const x = (pct * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** Σ replicas of the controllers owning the pods (getExpectedScale), for percentages and maxUnavailable. */
function expectedScale(pods: Pod[], cx: ReconcileContext): number {
  const seen = new Map<string, number>();
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) continue;
    let owner: KubeObject | undefined;
    if (ref.kind === 'ReplicaSet') {
      const rs = cx.api.tryGet('replicasets.apps', p.metadata.namespace, ref.name);
      const dep = rs?.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
      owner = dep ? cx.api.tryGet('deployments.apps', p.metadata.namespace, dep.name) ?? rs : rs;
    } else if (ref.kind === 'StatefulSet') owner = cx.api.tryGet('statefulsets.apps', p.metadata.namespace, ref.name);
    else if (ref.kind === 'ReplicationController') owner = cx.api.tryGet('replicationcontrollers', p.metadata.namespace, ref.name);
    if (owner) seen.set(owner.metadata.uid!, (owner['spec'] as { replicas?: number } | undefined)?.replicas ?? 1);
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

export function createDisruptionController(store: Store): Controller {
  return {
    name: NAME,
    watches: [
      { resource: PDB },
      {
        resource: 'pods',
        map: (o) =>
          (store.list(PDB, o.metadata.namespace) as PodDisruptionBudget[])
            .filter((b) => selectorMatches(b.spec?.selector, o.metadata.labels))
            .map(keyOf),
      },
    ],
    reconcile: (key, cx) => sync(key, cx),
  };
}

function sync(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const pdb = cx.api.tryGet<PodDisruptionBudget>(PDB, namespace, name);
  if (!pdb) return;
  const now = cx.clock.now();
  const pods = cx.api.list<Pod>('pods', namespace).filter((p) => selectorMatches(pdb.spec?.selector, p.metadata.labels));
  const disrupted: Record<string, string> = {};
  let recheck: number | undefined;
  for (const [podName, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
    const p = pods.find((x) => x.metadata.name === podName);
    const t = parseTime(at) ?? now;
    if (!p || p.metadata.deletionTimestamp || t + DELETION_TIMEOUT_MS <= now) continue;
    disrupted[podName] = at;
    const left = t + DELETION_TIMEOUT_MS - now;
    recheck = recheck === undefined ? left : Math.min(recheck, left);
  }
  const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && !(p.metadata.name! in disrupted) && isPodReady(p)).length;
  let expected: number;
  let desired: number;
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined) {
    expected = expectedScale(pods, cx);
    desired = Math.max(0, expected - scaled(spec.maxUnavailable, expected, true));
  } else if (typeof spec.minAvailable === 'number') {
    expected = pods.length;
    desired = spec.minAvailable;
  } else {
    expected = expectedScale(pods, cx);
    desired = scaled(spec.minAvailable ?? 1, expected, true);
  }
  const allowed = expected <= 0 ? 0 : Math.max(0, healthy - desired);
  const prevCond = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const condStatus = allowed > 0 ? 'True' : 'False';
  const status: NonNullable<PodDisruptionBudget['status']> = {
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    conditions: [{
      lastTransitionTime: prevCond && prevCond.status === condStatus ? prevCond.lastTransitionTime : cx.clock.nowRFC3339(),
      message: '',
      observedGeneration: pdb.metadata.generation ?? 1,
      reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
      status: condStatus,
      type: 'DisruptionAllowed',
    }],
    currentHealthy: healthy,
    desiredHealthy: desired,
    disruptionsAllowed: allowed,
    expectedPods: expected,
    observedGeneration: pdb.metadata.generation ?? 1,
  };
  if (JSON.stringify(status) !== JSON.stringify(pdb.status ?? {})) {
    const next = structuredClone(pdb);
    next.status = status;
    cx.api.updateStatus(PDB, next);
  }
  return recheck === undefined ? undefined : { requeueAfter: recheck };
}
