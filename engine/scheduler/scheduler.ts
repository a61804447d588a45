// kube-scheduler's default profile (pkg/scheduler/schedule_one.go): for each pending pod,
// run the PreFilter and Filter plugins on the nodes (percentageOfNodesToScore of them, from a
// rotating start, as upstream), score the feasible ones with the default weights, pick the
// best (ties broken by reservoir sampling with the seeded rng), bind through the API server and
// record `Scheduled`. Otherwise try DefaultPreemption (evict lower-priority pods, nominate the
// node) and record `FailedScheduling` with the exact upstream message and PodScheduled=False.
// Unschedulable pods wait in the scheduling queue (queue.ts) until a cluster event one of the
// plugins that rejected them registered for (cluster-events.ts) moves them, after their back-off. Every verdict and score is kept per pod as a
// sim record for the inspector (results.ts).
import type { Node, Pod } from '../api/core-v1.ts';
import type { Condition } from '../api/meta.ts';
import { keyOf, splitKey, type Controller, type ReconcileContext, type Result } from '../controllers/controller.ts';
import { NODE_INDEX } from '../controllers/listers.ts';
import type { Store } from '../store/store.ts';
import { fitErrorMessage, NO_PREEMPTION_VICTIMS, PREEMPTION_NOT_HELPFUL, preemptionMessage } from './failure-message.ts';
import type { Cycle, FilterPlugin, NodeInfo, ScorePlugin, Status } from './framework.ts';
import { plugin as balancedAllocation } from './plugins/balanced-allocation.ts';
import { plugin as imageLocality } from './plugins/image-locality.ts';
import { hasRequiredAntiAffinity, plugin as interPodAffinity } from './plugins/inter-pod-affinity.ts';
import { plugin as nodeAffinity } from './plugins/node-affinity.ts';
import { plugin as nodeName } from './plugins/node-name.ts';
import { hostPorts, plugin as nodePorts } from './plugins/node-ports.ts';
import { plugin as nodeResourcesFit } from './plugins/node-resources-fit.ts';
import { plugin as nodeUnschedulable } from './plugins/node-unschedulable.ts';
import { plugin as podTopologySpread } from './plugins/pod-topology-spread.ts';
import { plugin as taintToleration } from './plugins/taint-toleration.ts';
import { plugin as volumeBinding } from './plugins/volume-binding.ts';
import { holdsResources, nodeAllocatable, podNonZeroRequests, podRequests, emptyResources, type Resources } from './resources.ts';
import { LARGE_CLUSTER_RECORDED_NODES, MAX_RECORDED_NODES, recordResult, type NodeResult } from './results.ts';
import { assignedPodEvents, nodeEvents } from './cluster-events.ts';
import { FLUSH_PERIOD_MS, SchedulingQueue } from './queue.ts';

export const NAME = 'default-scheduler';
export const SCHEDULED = 'Scheduled';
export const FAILED_SCHEDULING = 'FailedScheduling';

/** Filter order of the default profile (MultiPoint order). */
export const FILTERS: FilterPlugin[] = [
  nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeBinding, podTopologySpread, interPodAffinity,
];
/** Score plugins with their default weights. */
export const SCORERS: ScorePlugin[] = [taintToleration, nodeAffinity, nodeResourcesFit, podTopologySpread, interPodAffinity, balancedAllocation, imageLocality];

const isPending = (p: Pod) =>
  !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? NAME) === NAME &&
  p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

const priorityOf = (p: Pod) => p.spec?.priority ?? 0;

/** percentageOfNodesToScore (default adaptive): every node below 100, else max(100, n × max(5, 50 − n/125) %). */
export function numFeasibleNodesToFind(numNodes: number): number {
  if (numNodes < 100) return numNodes;
  const pct = Math.max(5, 50 - Math.floor(numNodes / 125));
  return Math.max(100, Math.floor((numNodes * pct) / 100));
}

const EMPTY: Resources = Object.freeze(emptyResources()) as Resources;
const EMPTY_NZ = Object.freeze({ cpu: 0, memory: 0 });
const EMPTY_OWNER: ReadonlyMap<string, number> = new Map();

/** Parsed allocatable by stored Node (frozen objects: identity is a version). */
const allocatableCache = new WeakMap<Node, Resources>();

/** What the pods bound to one node request and the host ports they hold. */
interface Usage {
  requested: Resources;
  nz: { cpu: number; memory: number };
  ports: Map<string, number>;
}

interface Counted {
  node: string;
  req: Resources;
  nz: { cpu: number; memory: number };
  owner?: string;
  ports: string[];
}

/**
 * The scheduler cache (pkg/scheduler/backend/cache): what each node's bound pods request, the
 * host ports they hold, pods per owning controller per node (for the default spreading), and
 * the bound pods with required anti-affinity; kept current from the pod watch and rebuilt from
 * the store on (re)start. Derived data only.
 */
export class NodeUsage {
  private readonly byNode = new Map<string, Usage>();
  private readonly counted = new Map<string, Counted>();
  private readonly owners = new Map<string, Map<string, number>>();
  private readonly infos = new Map<string, { info: NodeInfo; u: Usage | undefined }>();
  readonly antiAffinity = new Map<string, Pod>();

  rebuild(store: Store): void {
    this.byNode.clear();
    this.infos.clear();
    this.counted.clear();
    this.owners.clear();
    this.antiAffinity.clear();
    for (const p of store.list('pods') as Pod[]) this.apply(p, true);
  }

  /** Applies the latest state of a pod (present = still stored). */
  apply(p: Pod, present: boolean): void {
    const uid = p.metadata.uid!;
    const prev = this.counted.get(uid);
    const holds = present && !!p.spec?.nodeName && holdsResources(p);
    if (holds && hasRequiredAntiAffinity(p)) this.antiAffinity.set(uid, p);
    else this.antiAffinity.delete(uid);
    if (prev && holds && prev.node === p.spec.nodeName) return;
    if (prev) {
      this.add(prev, -1);
      this.counted.delete(uid);
    }
    if (holds) {
      const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
      const c: Counted = { node: p.spec.nodeName!, req: podRequests(p), nz: podNonZeroRequests(p), ports: hostPorts(p), ...(owner ? { owner } : {}) };
      this.counted.set(uid, c);
      this.add(c, 1);
    }
  }

  private add(c: Counted, sign: 1 | -1): void {
    let u = this.byNode.get(c.node);
    if (!u) this.byNode.set(c.node, (u = { requested: emptyResources(), nz: { cpu: 0, memory: 0 }, ports: new Map() }));
    for (const k in c.req) u.requested[k] = (u.requested[k] ?? 0) + sign * c.req[k]!;
    u.nz.cpu += sign * c.nz.cpu;
    u.nz.memory += sign * c.nz.memory;
    if (c.ports.length) this.infos.delete(c.node);
    for (const port of c.ports) {
      const n = (u.ports.get(port) ?? 0) + sign;
      if (n > 0) u.ports.set(port, n);
      else u.ports.delete(port);
    }
    if (c.owner) {
      let m = this.owners.get(c.owner);
      if (!m) this.owners.set(c.owner, (m = new Map()));
      const n = (m.get(c.node) ?? 0) + sign;
      if (n > 0) m.set(c.node, n);
      else m.delete(c.node);
    }
  }

  ownerCount(owner: string, node: string): number {
    return this.owners.get(owner)?.get(node) ?? 0;
  }

  /** Nodes holding pods of an owner, with how many (the spreading's counts without visiting every node). */
  ownerNodes(owner: string): ReadonlyMap<string, number> {
    return this.owners.get(owner) ?? EMPTY_OWNER;
  }

  nodeInfo(node: Node): NodeInfo {
    const name = node.metadata.name!;
    const u = this.byNode.get(name);
    // The snapshot's NodeInfo, kept until the Node object or its usage record changes (usage
    // sums are updated in place, so they stay current without a copy).
    const cached = this.infos.get(name);
    if (cached && cached.info.node === node && cached.u === u) return cached.info;
    let allocatable = allocatableCache.get(node);
    if (!allocatable) allocatableCache.set(node, (allocatable = nodeAllocatable(node)));
    const info: NodeInfo = {
      node,
      allocatable,
      // Shared, not copied: plugins only read them (preemption builds its own copies).
      requested: u ? u.requested : EMPTY,
      nonZeroRequested: u ? u.nz : EMPTY_NZ,
      ...(u?.ports.size ? { usedPorts: new Set(u.ports.keys()) } : {}),
    };
    this.infos.set(name, { info, u });
    return info;
  }

}

export function createScheduler(store: Store): Controller {
  const allPending = (): string[] => (store.byIndex('pods', NODE_INDEX, '') as Pod[]).filter(isPending).map(keyOf).sort();
  const usage = new NodeUsage();
  usage.rebuild(store);
  const queue = new SchedulingQueue();
  const state: SchedulerState = { nextStart: 0, nodes: undefined };
  return {
    name: NAME,
    watches: [
      {
        resource: 'pods',
        map: (o, old) => {
          const pod = o as Pod;
          const key = keyOf(pod);
          const present = store.get('pods', o.metadata.namespace, o.metadata.name!)?.metadata.uid === o.metadata.uid;
          usage.apply(pod, present);
          if (present && isPending(pod)) {
            // Our own status writes (PodScheduled=False, nominatedNodeName) must not requeue the pod.
            if (old && JSON.stringify((old as Pod).spec) === JSON.stringify(pod.spec)) return [];
            queue.moveOne(key);
            return [key];
          }
          if (!pod.spec?.nodeName) {
            if (!present) queue.forget(key);
            return [];
          }
          if (!old || !(old as Pod).spec?.nodeName) queue.forget(key);
          return queue.move(assignedPodEvents(pod, old as Pod | undefined, present, holdsResources));
        },
      },
      {
        resource: 'nodes',
        map: (o, old) => {
          state.nodes = undefined;
          const present = store.get('nodes', undefined, o.metadata.name!)?.metadata.uid === o.metadata.uid;
          return queue.move(nodeEvents(o as Node, old as Node | undefined, present));
        },
      },
      { resource: 'persistentvolumeclaims', map: () => queue.move(['PvcChange']) },
      { resource: 'persistentvolumes', map: () => queue.move(['PvChange']) },
      { resource: 'storageclasses.storage.k8s.io', map: () => queue.move(['StorageClassChange']) },
    ],
    resync: () => {
      state.nodes = undefined;
      usage.rebuild(store);
      queue.clear();
      return [FLUSH_KEY, ...allPending()];
    },
    reconcile: (key, cx) => {
      if (key === FLUSH_KEY) {
        cx.cancel(FLUSH_KEY);
        cx.schedule(FLUSH_PERIOD_MS, FLUSH_KEY, undefined, true);
        for (const k of queue.leftover(cx.clock.now())) cx.enqueue(k);
        return;
      }
      // Parked until an event moves it; then it waits out its back-off (the backoff queue).
      if (queue.isUnschedulable(key)) return;
      const wait = queue.backoffRemaining(key, cx.clock.now());
      if (wait > 0) return { requeueAfter: wait };
      const rejected = scheduleOne(key, cx, usage, state);
      if (rejected) queue.failed(key, rejected, cx.clock.now());
      else queue.forget(key);
    },
  };
}

const FLUSH_KEY = '__flush_unschedulable__';

function newCycle(cx: ReconcileContext, nodes: Node[], usage: NodeUsage): Cycle {
  let bound: Pod[] | undefined;
  const memo = new Map<string, unknown>();
  memo.set('ownerCounts', (owner: string, node: string) => usage.ownerCount(owner, node));
  memo.set('ownerNodes', (owner: string) => usage.ownerNodes(owner));
  memo.set('antiAffinityPods', () => [...usage.antiAffinity.values()]);
  return {
    store: cx.store,
    nodes,
    podsOn: (node) => (cx.store.byIndex('pods', NODE_INDEX, node) as Pod[]).filter(holdsResources),
    boundPods: () => (bound ??= (cx.store.list('pods') as Pod[]).filter((p) => p.spec?.nodeName && holdsResources(p))),
    memo,
  };
}

function runFilters(pod: Pod, info: NodeInfo, cycle: Cycle, r?: NodeResult): Status {
  for (const f of FILTERS) {
    const s = f.filter(pod, info, cycle);
    if (s.code !== 'Success') {
      r?.filters.push({ plugin: f.name, status: s });
      return s;
    }
    if (r) r.passed++;
  }
  return { code: 'Success' };
}

interface SchedulerState {
  nextStart: number;
  /** The node list (the snapshot), kept until a node event; listing 5,000 nodes per pod would dominate. */
  nodes: Node[] | undefined;
}

/** Runs one scheduling cycle; returns the plugins that rejected the pod if it failed. */
function scheduleOne(key: string, cx: ReconcileContext, usage: NodeUsage, state: SchedulerState): Set<string> | undefined {
  const { namespace, name } = splitKey(key);
  const pod = cx.api.tryGet<Pod>('pods', namespace, name);
  if (!pod || !isPending(pod)) return;
  const nodes = (state.nodes ??= cx.api.list<Node>('nodes'));
  const cycle = newCycle(cx, nodes, usage);
  const results: Record<string, NodeResult> = {};
  // Verdicts for the inspector: every node on a small cluster, a short sample on a big one
  // (recording hundreds of nodes per pod would cost more than scheduling it).
  const cap = nodes.length <= MAX_RECORDED_NODES ? MAX_RECORDED_NODES : LARGE_CLUSTER_RECORDED_NODES;
  const record = (extra: { selected?: string; message?: string }) => {
    const omitted = Math.max(0, nodes.length - cap);
    recordResult(cx.store, pod.metadata.uid!, { pod: key, at: cx.clock.now(), nodes: results, ...(omitted ? { omitted } : {}), ...extra });
  };

  for (const f of FILTERS) {
    const s = f.preFilter?.(pod, cycle);
    if (!s || s.code === 'Success') continue;
    for (const n of nodes.slice(0, cap)) results[n.metadata.name!] = { filters: [{ plugin: f.name, status: s }], passed: 0 };
    const message = fitErrorMessage(nodes.length, [], preemptionMessage(nodes.length, nodes.map(() => NO_PREEMPTION_VICTIMS)), s.reasons.join(', '));
    fail(pod, message, cx, record);
    return new Set([f.name]);
  }

  const feasible: NodeInfo[] = [];
  const failures: { info: NodeInfo; status: Status }[] = [];
  const want = numFeasibleNodesToFind(nodes.length);
  // The rotating start only matters when not every node is visited (ties are random anyway).
  const start = nodes.length && want < nodes.length ? state.nextStart % nodes.length : 0;
  let processed = 0;
  for (; processed < nodes.length && feasible.length < want; processed++) {
    const info = usage.nodeInfo(nodes[(start + processed) % nodes.length]!);
    let r: NodeResult | undefined;
    if (processed < cap) results[info.node.metadata.name!] = r = { filters: [], passed: 0 };
    const s = runFilters(pod, info, cycle, r);
    if (s.code === 'Success') feasible.push(info);
    else failures.push({ info, status: s });
  }
  state.nextStart = nodes.length ? (start + processed) % nodes.length : 0;

  if (feasible.length === 0) {
    const pre = preempt(pod, failures, cycle, cx);
    const message = fitErrorMessage(nodes.length, failures.map((f) => f.status), pre);
    fail(pod, message, cx, record);
    return new Set(failures.map((f) => (f.status.code === 'Success' ? '' : f.status.plugin)).filter(Boolean));
  }

  // Score, then pick the highest total; ties by reservoir sampling (selectHost).
  const totals = new Array<number>(feasible.length).fill(0);
  const perPlugin = SCORERS.map((p) => (feasible.length === 1 ? null : p.scoreAll(pod, feasible, cycle)));
  for (let k = 0; k < SCORERS.length; k++) {
    const col = perPlugin[k];
    if (!col) continue;
    const w = SCORERS[k]!.weight;
    for (let i = 0; i < feasible.length; i++) totals[i]! += col[i]! * w;
  }
  for (let i = 0; i < feasible.length; i++) {
    const r = results[feasible[i]!.node.metadata.name!];
    if (!r) continue;
    r.scores = Object.fromEntries(SCORERS.map((p, k) => [p.name, perPlugin[k]?.[i] ?? 0]));
    r.total = totals[i]!;
  }
  let best = 0;
  let ties = 0;
  for (let i = 0; i < feasible.length; i++) {
    if (i === 0 || totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (cx.rng.int(ties) === 0) best = i;
    }
  }
  const target = feasible[best]!.node.metadata.name!;
  cx.api.bind(pod.metadata.namespace!, pod.metadata.name!, target);
  record({ selected: target });
  cx.events.record(pod, { component: NAME }, 'Normal', SCHEDULED, `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${target}`);
}

function fail(pod: Pod, message: string, cx: ReconcileContext, record: (x: { message: string }) => void): void {
  record({ message });
  cx.events.record(pod, { component: NAME }, 'Warning', FAILED_SCHEDULING, message);
  setUnschedulable(pod, message, cx);
}

/**
 * DefaultPreemption (plugins/defaultpreemption + framework/preemption): on each node that failed
 * for a resolvable reason, remove every lower-priority pod, keep the pod fitting, then reprieve
 * victims from the highest priority down. The best candidate (lowest highest-victim priority,
 * then fewest victims) gets its victims deleted with a Preempted event and the pod
 * status.nominatedNodeName. Returns the FailedScheduling preemption part ('' if nominated).
 */
function preempt(pod: Pod, failures: { info: NodeInfo; status: Status }[], cycle: Cycle, cx: ReconcileContext): string {
  const n = cycle.nodes.length;
  if (pod.spec.preemptionPolicy === 'Never') return 'preemption: not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.['nominatedNodeName'] as string | undefined;
  if (nominated && cycle.podsOn(nominated).some((p) => p.metadata.deletionTimestamp && priorityOf(p) < priorityOf(pod)))
    return 'preemption: not eligible due to a terminating pod on the nominated node.';
  const reasons: string[] = [];
  let best: { node: string; victims: Pod[]; top: number } | undefined;
  const prio = priorityOf(pod);
  for (const { info, status } of failures) {
    if (status.code === 'UnschedulableAndUnresolvable') {
      reasons.push(PREEMPTION_NOT_HELPFUL);
      continue;
    }
    const name = info.node.metadata.name!;
    const candidates = cycle.podsOn(name).filter((p) => priorityOf(p) < prio && !p.metadata.deletionTimestamp);
    if (!candidates.length) {
      reasons.push(NO_PREEMPTION_VICTIMS);
      continue;
    }
    const without = (pods: Pod[]): NodeInfo => {
      const x: NodeInfo = { ...info, requested: { ...info.requested }, nonZeroRequested: { ...info.nonZeroRequested } };
      for (const p of pods) {
        const r = podRequests(p);
        for (const k in r) x.requested[k] = (x.requested[k] ?? 0) - r[k]!;
      }
      return x;
    };
    const all = runFilters(pod, without(candidates), cycle);
    if (all.code !== 'Success') {
      reasons.push(...all.reasons);
      continue;
    }
    // Reprieve: highest priority first; a pod stays if the preemptor still fits without evicting it.
    let victims = [...candidates].sort((a, b) => priorityOf(b) - priorityOf(a));
    for (const v of [...victims]) {
      const trial = victims.filter((x) => x !== v);
      if (runFilters(pod, without(trial), cycle).code === 'Success') victims = trial;
    }
    const top = Math.max(...victims.map(priorityOf));
    if (!best || top < best.top || (top === best.top && victims.length < best.victims.length)) best = { node: name, victims, top };
  }
  if (!best) return preemptionMessage(n, reasons);
  const next = structuredClone(pod);
  next.status = { ...(next.status ?? {}), nominatedNodeName: best.node } as Pod['status'];
  cx.api.updateStatus('pods', next);
  for (const v of best.victims) {
    const cur = cx.api.tryGet<Pod>('pods', v.metadata.namespace, v.metadata.name!);
    if (!cur || cur.metadata.uid !== v.metadata.uid) continue;
    const withCond = structuredClone(cur);
    const conds = (withCond.status ??= {}).conditions ??= [];
    conds.push({
      type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: cx.clock.nowRFC3339(),
      reason: 'PreemptionByScheduler', message: `${NAME}: preempting to accommodate a higher priority pod`,
    });
    cx.api.updateStatus('pods', withCond);
    cx.events.record(cur, { component: NAME }, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${best.node}`);
    cx.api.delete('pods', v.metadata.namespace, v.metadata.name!, { uid: v.metadata.uid! });
  }
  return '';
}

function setUnschedulable(pod: Pod, message: string, cx: ReconcileContext): void {
  const cur0 = cx.api.tryGet<Pod>('pods', pod.metadata.namespace, pod.metadata.name!) ?? pod;
  const conds = cur0.status?.conditions ?? [];
  const cur = conds.find((c) => c.type === 'PodScheduled');
  if (cur && cur.status === 'False' && cur.reason === 'Unschedulable' && cur.message === message) return;
  const cond: Condition = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: cur?.status === 'False' ? cur.lastTransitionTime! : cx.clock.nowRFC3339(),
    reason: 'Unschedulable',
    message,
  };
  const next = structuredClone(cur0);
  next.status = { ...(next.status ?? {}), conditions: [...conds.filter((c) => c.type !== 'PodScheduled'), cond] };
  if (!next.status.phase) next.status.phase = 'Pending';
  cx.api.updateStatus('pods', next);
}
