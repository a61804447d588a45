// The taint eviction controller (pkg/controller/tainteviction): a pod on a node with a
// NoExecute taint it does not tolerate is deleted at once; one it tolerates for
// tolerationSeconds is deleted that long after the taint appeared (300 s for the not-ready /
// unreachable tolerations the DefaultTolerationSeconds admission adds). Each deletion is
// announced with a TaintManagerEviction event and a DisruptionTarget condition; a taint that
// goes away in time cancels it ("Cancelling deletion of Pod ...").
import type { Node, Pod, Taint, Toleration } from '../api/core-v1.ts';
import type { Store } from '../store/store.ts';
import { tolerates } from '../scheduler/plugins/taint-toleration.ts';
import { keyOf, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { NODE_INDEX } from './listers.ts';

export const NAME = 'taint-eviction-controller';
export const REASON = 'TaintManagerEviction';

interface Scheduled {
  uid: string;
  firesAt: number;
}
const recordKey = (podKey: string) => `taint-eviction/${podKey}`;

/** -1 = tolerated forever; otherwise ms until eviction (0 = now). */
export function evictionDelay(tolerations: readonly Toleration[], taints: readonly Taint[]): number {
  let min = -1;
  for (const taint of taints) {
    const used = tolerations.filter((t) => tolerates(t, taint));
    if (!used.length) return 0;
    for (const t of used) {
      if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
      const ms = Math.max(0, t.tolerationSeconds) * 1000;
      if (min < 0 || ms < min) min = ms;
    }
  }
  return min;
}

/** Unchanged parts of a stored pod are shared (frozen), so identity settles most status writes. */
function sameTolerations(a: Pod, b: Pod): boolean {
  return a.spec.tolerations === b.spec.tolerations || JSON.stringify(a.spec.tolerations) === JSON.stringify(b.spec.tolerations);
}

export function createTaintEvictionController(store: Store): Controller {
  const podsOn = (node: string) => (store.byIndex('pods', NODE_INDEX, node) as Pod[]).map((p) => `pod/${keyOf(p)}`);
  return {
    name: NAME,
    watches: [
      {
        resource: 'nodes',
        map: (o, old) => {
          const taints = JSON.stringify((o as Node).spec?.taints ?? []);
          if (old && JSON.stringify((old as Node).spec?.taints ?? []) === taints) return [];
          return podsOn(o.metadata.name!);
        },
      },
      {
        resource: 'pods',
        map: (o, old) => {
          const p = o as Pod;
          if (!p.spec?.nodeName) return [];
          const was = old as Pod | undefined;
          if (was && was.spec?.nodeName === p.spec.nodeName && !!was.metadata.deletionTimestamp === !!p.metadata.deletionTimestamp && sameTolerations(was, p)) return [];
          return [`pod/${keyOf(p)}`];
        },
      },
    ],
    resync: () => (store.list('pods') as Pod[]).filter((p) => p.spec?.nodeName).map((p) => `pod/${keyOf(p)}`).sort(),
    reconcile: (key, cx) => sync(key.slice('pod/'.length), cx),
  };
}

function sync(podKey: string, cx: ReconcileContext): Result {
  const i = podKey.indexOf('/');
  const ns = podKey.slice(0, i);
  const name = podKey.slice(i + 1);
  const pod = cx.api.tryGet<Pod>('pods', ns, name);
  const rec = cx.store.getRecord<Scheduled>(recordKey(podKey));
  const forget = () => {
    cx.store.deleteRecord(recordKey(podKey));
    cx.cancel(`pod/${podKey}`);
  };
  if (!pod || (rec && rec.uid !== pod.metadata.uid)) {
    if (rec) forget();
    if (!pod) return;
  }
  if (pod.metadata.deletionTimestamp || !pod.spec.nodeName) {
    if (rec) forget();
    return;
  }
  const node = cx.api.tryGet<Node>('nodes', undefined, pod.spec.nodeName);
  const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
  const delay = taints.length ? evictionDelay(pod.spec.tolerations ?? [], taints) : -1;
  const current = cx.store.getRecord<Scheduled>(recordKey(podKey));
  if (delay < 0) {
    if (current) {
      forget();
      cx.events.record(pod, { component: NAME }, 'Normal', REASON, `Cancelling deletion of Pod ${podKey}`);
    }
    return;
  }
  const now = cx.clock.now();
  // Keep an earlier schedule (the time counts from when the taint was first seen).
  const firesAt = current ? Math.min(current.firesAt, now + delay) : now + delay;
  if (firesAt > now) {
    if (!current || current.firesAt !== firesAt) {
      cx.store.setRecord(recordKey(podKey), { uid: pod.metadata.uid!, firesAt });
      cx.cancel(`pod/${podKey}`);
      cx.schedule(firesAt - now, `pod/${podKey}`);
    }
    return;
  }
  forget();
  cx.events.record(pod, { component: NAME }, 'Normal', REASON, `Marking for deletion Pod ${podKey}`);
  addDisruptionTarget(pod, cx);
  cx.api.delete('pods', ns, name, { uid: pod.metadata.uid! });
}

function addDisruptionTarget(pod: Pod, cx: ReconcileContext): void {
  const next = structuredClone(pod);
  const conds = (next.status ??= {}).conditions ??= [];
  if (conds.some((c) => c.type === 'DisruptionTarget')) return;
  conds.push({
    type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: cx.clock.nowRFC3339(),
    reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
  });
  cx.api.updateStatus('pods', next);
}
