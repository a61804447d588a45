// The node lifecycle controller (pkg/controller/nodelifecycle): every 5 s it checks each
// node's heartbeat (its Lease in kube-node-lease, or the Ready condition's heartbeat). A node
// silent for the grace period (50 s in v1.32) gets every condition Unknown with
// `NodeStatusUnknown` / `Kubelet stopped posting node status.`, a NodeNotReady event, its
// pods marked Ready=False, and the unreachable (Ready Unknown) or not-ready (Ready False)
// NoSchedule + NoExecute taints; the taints go again once the node is Ready.
import type { Node, Pod, Taint } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { Store } from '../store/store.ts';
import { parseTime } from '../time/clock.ts';
import type { Controller, ReconcileContext, Result } from './controller.ts';
import { listPodsOnNode } from './listers.ts';

export const NAME = 'node-lifecycle-controller';
export const SOURCE = 'node-controller';
export const MONITOR_PERIOD_MS = 5_000;
export const GRACE_PERIOD_MS = 50_000;
export const STARTUP_GRACE_PERIOD_MS = 60_000;
export const LEASE_NAMESPACE = 'kube-node-lease';

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const STATUS_UNKNOWN_REASON = 'NodeStatusUnknown';
export const STATUS_UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.';

const CONDITION_TYPES = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** Conditions whose True status taints the node NoSchedule (TaintNodesByCondition). */
export const PRESSURE_TAINTS: readonly [string, string][] = [
  ['MemoryPressure', 'node.kubernetes.io/memory-pressure'],
  ['DiskPressure', 'node.kubernetes.io/disk-pressure'],
  ['PIDPressure', 'node.kubernetes.io/pid-pressure'],
];

interface Lease extends KubeObject {
  spec?: { renewTime?: string };
}

/** When the controller last saw a heartbeat (upstream keeps probeTimestamp in memory; a sim record here). */
const probeKey = (node: string) => `node-lifecycle/probe/${node}`;

interface Probe {
  renewTime: string;
  observedAt: number;
}

function readyOf(node: Node): string | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

/** The controller's taint for a Ready status: unreachable for Unknown, not-ready for False. */
export function taintKeyFor(ready: string | undefined): string | undefined {
  if (ready === 'Unknown') return TAINT_UNREACHABLE;
  if (ready === 'False') return TAINT_NOT_READY;
  return undefined;
}

export function createNodeLifecycleController(store: Store): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'nodes', map: (o) => [o.metadata.name!] },
      { resource: 'leases.coordination.k8s.io', map: (o) => (o.metadata.namespace === LEASE_NAMESPACE ? [o.metadata.name!] : []) },
    ],
    resync: () => ['monitor', ...store.list('nodes').map((n) => n.metadata.name!).sort()],
    reconcile: (key, cx) => (key === 'monitor' ? monitor(cx) : syncNode(key, cx)),
  };
}

function monitor(cx: ReconcileContext): Result {
  cx.cancel('monitor');
  cx.schedule(MONITOR_PERIOD_MS, 'monitor', undefined, true);
  for (const n of cx.api.list<Node>('nodes')) syncNode(n.metadata.name!, cx);
}

function syncNode(name: string, cx: ReconcileContext): Result {
  const node = cx.api.tryGet<Node>('nodes', undefined, name);
  if (!node) {
    cx.store.deleteRecord(probeKey(name));
    return;
  }
  const now = cx.clock.now();
  const lease = cx.api.tryGet<Lease>('leases.coordination.k8s.io', LEASE_NAMESPACE, name);
  const renew = lease?.spec?.renewTime ?? '';
  let probe = cx.store.getRecord<Probe>(probeKey(name));
  if (!probe || probe.renewTime !== renew) {
    probe = { renewTime: renew, observedAt: now };
    cx.store.setRecord(probeKey(name), probe);
  }
  const ready = readyOf(node);
  // A node that never reported gets the startup grace period from its creation.
  const grace = renew ? GRACE_PERIOD_MS : STARTUP_GRACE_PERIOD_MS;
  const heartbeat = Math.max(probe.observedAt, renew ? 0 : (parseTime(node.metadata.creationTimestamp) ?? 0));
  if (ready !== 'Unknown' && now - heartbeat >= grace && (lease || ready !== undefined)) {
    markUnknown(node, cx);
    return;
  }
  // A kubelet reporting NotReady (Ready=False) gets its pods marked not ready too.
  if (ready === 'False') markPodsNotReady(name, cx);
  reconcileTaints(node, cx);
}

function markUnknown(node: Node, cx: ReconcileContext): void {
  const now = cx.clock.nowRFC3339();
  const next = structuredClone(node);
  const conds = next.status?.conditions ?? [];
  for (const type of CONDITION_TYPES) {
    const c = conds.find((x) => x.type === type);
    if (!c) {
      conds.push({ type, status: 'Unknown', lastHeartbeatTime: now, lastTransitionTime: now, reason: STATUS_UNKNOWN_REASON, message: STATUS_UNKNOWN_MESSAGE });
      continue;
    }
    c.status = 'Unknown';
    c.reason = STATUS_UNKNOWN_REASON;
    c.message = STATUS_UNKNOWN_MESSAGE;
    c.lastTransitionTime = now;
  }
  next.status = { ...(next.status ?? {}), conditions: conds };
  const written = cx.api.updateStatus<Node>('nodes', next).object;
  cx.events.record(node, { component: SOURCE }, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
  markPodsNotReady(node.metadata.name!, cx);
  reconcileTaints(written, cx);
}

/** MarkPodsNotReady (controller/util/node): the Ready condition of every pod on the node turns False. */
function markPodsNotReady(nodeName: string, cx: ReconcileContext): void {
  const now = cx.clock.nowRFC3339();
  for (const pod of listPodsOnNode(cx.api, nodeName) as Pod[]) {
    const conds = pod.status?.conditions ?? [];
    const ready = conds.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    const next = structuredClone(pod);
    for (const c of next.status!.conditions!) {
      if (c.type !== 'Ready') continue;
      c.status = 'False';
      c.lastTransitionTime = now;
    }
    cx.api.updateStatus('pods', next);
  }
}

/** Keeps the unreachable/not-ready NoSchedule and NoExecute taints in line with the Ready condition. */
function reconcileTaints(node: Node, cx: ReconcileContext): void {
  const want = taintKeyFor(readyOf(node));
  const taints = node.spec?.taints ?? [];
  const ours = (t: Taint) => (t.key === TAINT_UNREACHABLE || t.key === TAINT_NOT_READY) && (t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  const keep = taints.filter((t) => !ours(t) || t.key === want);
  const add: Taint[] = [];
  if (want) {
    const now = cx.clock.nowRFC3339();
    if (!keep.some((t) => t.key === want && t.effect === 'NoExecute')) add.push({ key: want, effect: 'NoExecute', timeAdded: now });
    if (!keep.some((t) => t.key === want && t.effect === 'NoSchedule')) add.push({ key: want, effect: 'NoSchedule' });
  }
  // TaintNodesByCondition: a cordoned node carries node.kubernetes.io/unschedulable:NoSchedule.
  const cordoned = !!node.spec?.unschedulable;
  const hasU = keep.some((t) => t.key === TAINT_UNSCHEDULABLE && t.effect === 'NoSchedule');
  let list = keep;
  if (cordoned && !hasU) add.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule', timeAdded: cx.clock.nowRFC3339() });
  if (!cordoned && hasU) list = keep.filter((t) => !(t.key === TAINT_UNSCHEDULABLE && t.effect === 'NoSchedule'));
  // TaintNodesByCondition: a pressure condition that is True carries its NoSchedule taint.
  for (const [type, key] of PRESSURE_TAINTS) {
    const on = node.status?.conditions?.some((c) => c.type === type && c.status === 'True');
    const has = list.some((t) => t.key === key && t.effect === 'NoSchedule');
    if (on && !has) add.push({ key, effect: 'NoSchedule' });
    if (!on && has) list = list.filter((t) => !(t.key === key && t.effect === 'NoSchedule'));
  }
  if (!add.length && list.length === taints.length) return;
  const next = structuredClone(node);
  list = [...list, ...add];
  if (list.length) next.spec.taints = list;
  else delete next.spec.taints;
  cx.api.update('nodes', next);
}
