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
import { SUCCESS, type Cycle, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from './framework.ts';
import { FAILED, PASSED, type StaticVerdicts } from './snapshot.ts';
import { plugin as balancedAllocation } from './plugins/balanced-allocation.ts';
import { plugin as imageLocality } from './plugins/image-locality.ts';
import { plugin as interPodAffinity } from './plugins/inter-pod-affinity.ts';
import { plugin as nodeAffinity } from './plugins/node-affinity.ts';
import { plugin as nodeName } from './plugins/node-name.ts';
import { plugin as nodePorts } from './plugins/node-ports.ts';
import { plugin as nodeResourcesFit } from './plugins/node-resources-fit.ts';
import { plugin as nodeUnschedulable } from './plugins/node-unschedulable.ts';
import { plugin as podTopologySpread } from './plugins/pod-topology-spread.ts';
import { plugin as taintToleration } from './plugins/taint-toleration.ts';
import { plugin as volumeBinding } from './plugins/volume-binding.ts';
import { NodeUsage } from './node-usage.ts';
import { holdsResources, podRequests } from './resources.ts';
import { Snapshot } from './snapshot.ts';
import { forgetResult, LARGE_CLUSTER_RECORDED_NODES, MAX_RECORDED_NODES, recordResult, ResultRows } from './results.ts';
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

export function createScheduler(store: Store): Controller {
  const allPending = (): string[] => (store.byIndex('pods', NODE_INDEX, '') as Pod[]).filter(isPending).map(keyOf).sort();
  const usage = new NodeUsage(store);
  usage.rebuild();
  const queue = new SchedulingQueue();
  const state: SchedulerState = { nextStart: 0, snapshot: undefined, views: cacheViews(usage) };
  return {
    name: NAME,
    watches: [
      {
        resource: 'pods',
        map: (o, old, deleted) => {
          const pod = o as Pod;
          const present = !deleted;
          usage.apply(pod, present);
          if (!present) forgetResult(store, pod.metadata.uid!);
          if (present && isPending(pod)) {
            // Our own status writes (PodScheduled=False, nominatedNodeName) must not requeue the pod.
            if (old && ((old as Pod).spec === pod.spec || JSON.stringify((old as Pod).spec) === JSON.stringify(pod.spec))) return [];
            const key = keyOf(pod);
            queue.moveOne(key);
            return [key];
          }
          // The key only when the queue needs it: most events are status updates of bound pods.
          if (!pod.spec?.nodeName) {
            if (!present) queue.forget(keyOf(pod));
            return [];
          }
          if (!old || !(old as Pod).spec?.nodeName) queue.forget(keyOf(pod));
          return queue.move(assignedPodEvents(pod, old as Pod | undefined, present, holdsResources));
        },
      },
      {
        resource: 'nodes',
        map: (o, old, deleted) => {
          state.snapshot = undefined;
          const present = !deleted;
          return queue.move(nodeEvents(o as Node, old as Node | undefined, present));
        },
      },
      { resource: 'persistentvolumeclaims', map: () => queue.move(['PvcChange']) },
      { resource: 'persistentvolumes', map: () => queue.move(['PvChange']) },
      { resource: 'storageclasses.storage.k8s.io', map: () => queue.move(['StorageClassChange']) },
    ],
    resync: () => {
      state.snapshot = undefined;
      usage.rebuild();
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

/** One scheduling cycle's state (CycleState), a class so a cycle per pod creates no closures. */
class SchedulingCycle implements Cycle {
  readonly memo = new Map<string, unknown>();
  readonly nodes: readonly Node[];
  readonly now: number;
  feasibleIndex: Int32Array | undefined;
  private bound: Pod[] | undefined;

  constructor(readonly store: Store, readonly snapshot: Snapshot, now: number, cache: CacheViews) {
    this.nodes = snapshot.nodes;
    this.now = now;
    this.memo.set('ownerCounts', cache.ownerCounts);
    this.memo.set('ownerNodes', cache.ownerNodes);
    this.memo.set('antiAffinityPods', cache.antiAffinityPods);
  }

  podsOn(node: string): readonly Pod[] {
    return (this.store.byIndex('pods', NODE_INDEX, node) as Pod[]).filter(holdsResources);
  }

  boundPods(): readonly Pod[] {
    return (this.bound ??= (this.store.list('pods') as Pod[]).filter((p) => p.spec?.nodeName && holdsResources(p)));
  }
}

/** The cache queries plugins reach through the cycle's memo, made once per scheduler. */
interface CacheViews {
  ownerCounts: (owner: string, node: string) => number;
  ownerNodes: (owner: string) => ReadonlyMap<string, number>;
  antiAffinityPods: () => Pod[];
}

function cacheViews(usage: NodeUsage): CacheViews {
  return {
    ownerCounts: (owner, node) => usage.ownerCount(owner, node),
    ownerNodes: (owner) => usage.ownerNodes(owner),
    antiAffinityPods: () => [...usage.antiAffinity.values()],
  };
}

function runFilters(pod: Pod, info: NodeInfo, cycle: Cycle): Status {
  for (const f of FILTERS) {
    const s = f.filter(pod, info, cycle);
    if (s.code !== 'Success') return s;
  }
  return { code: 'Success' };
}

interface SchedulerState {
  nextStart: number;
  /** Kept until a node event or a resync; listing 5,000 nodes per pod would dominate. */
  snapshot: Snapshot | undefined;
  views: CacheViews;
  buffers?: ScoreBuffers;
}

/** The profile's leading filters that read only the pod's spec and the Node (cached per class in the snapshot). */
const STATIC_FILTERS = 4;

/** A dynamic filter compiled for one pod (FilterPlugin.forPod), with its place in the profile. */
interface PodFilter {
  k: number;
  /** The verdict on snapshot node i. */
  filter: (i: number) => Status;
}

/**
 * The main loop's filter pass on snapshot node i: the static filters' cached verdict, then the
 * others in profile order, those whose PreFilter said Skip counted as passed.
 */
function filterNode(pod: Pod, i: number, cycle: Cycle, statics: StaticVerdicts, compiled: readonly PodFilter[], rows: ResultRows, row: number): Status {
  const known = statics.verdict[i];
  const s = known === PASSED ? SUCCESS : known === FAILED ? statics.status[i]! : cycle.snapshot!.staticVerdict(statics, pod, i, cycle);
  if (s.code !== 'Success') {
    if (row >= 0) rows.fail(row, s.plugin, s, statics.passed[i]!);
    return s;
  }
  for (let c = 0; c < compiled.length; c++) {
    const { k, filter } = compiled[c]!;
    const s = filter(i);
    if (s.code !== 'Success') {
      if (row >= 0) rows.fail(row, FILTERS[k]!.name, s, k);
      return s;
    }
  }
  if (row >= 0) rows.passed[row] = FILTERS.length;
  return s;
}

/** Runs one scheduling cycle; returns the plugins that rejected the pod if it failed. */
function scheduleOne(key: string, cx: ReconcileContext, usage: NodeUsage, state: SchedulerState): Set<string> | undefined {
  const { namespace, name } = splitKey(key);
  const pod = cx.api.tryGet<Pod>('pods', namespace, name);
  if (!pod || !isPending(pod)) return;
  if (state.snapshot?.generation !== usage.generation) state.snapshot = undefined;
  const snapshot = (state.snapshot ??= new Snapshot(cx.api.list<Node>('nodes'), usage, FILTERS.slice(0, STATIC_FILTERS)));
  const nodes = snapshot.nodes;
  const cycle = new SchedulingCycle(cx.store, snapshot, cx.clock.now(), state.views);
  // Rows, not an object keyed by node name: inserting arbitrary names into an object costs ~0.5 µs each.
  const rows = new ResultRows(SCORERS.length + 1);
  // Verdicts for the inspector: every node on a small cluster, a short sample on a big one
  // (recording hundreds of nodes per pod would cost more than scheduling it).
  const cap = nodes.length <= MAX_RECORDED_NODES ? MAX_RECORDED_NODES : LARGE_CLUSTER_RECORDED_NODES;
  const record = (extra: { selected?: string; message?: string }) => {
    const omitted = Math.max(0, nodes.length - cap);
    recordResult(cx.store, pod.metadata.uid!, rows, key, cx.clock.now(), omitted ? { ...extra, omitted } : extra);
  };

  for (const f of FILTERS) {
    const s = f.preFilter?.(pod, cycle);
    if (!s || s.code === 'Success') continue;
    for (const n of nodes.slice(0, cap)) rows.fail(rows.add(n.metadata.name!), f.name, s, 0);
    const message = fitErrorMessage(nodes.length, [], preemptionMessage(nodes.length, nodes.map(() => NO_PREEMPTION_VICTIMS)), s.reasons.join(', '));
    fail(pod, message, cx, record);
    return new Set([f.name]);
  }

  const { feasible, failures } = findFeasible(pod, cycle, state, rows, cap);
  if (feasible.length === 0) {
    const pre = preempt(pod, failures, cycle, cx);
    const message = fitErrorMessage(nodes.length, failures.map((f) => f.status), pre);
    fail(pod, message, cx, record);
    return new Set(failures.map((f) => (f.status.code === 'Success' ? '' : f.status.plugin)).filter(Boolean));
  }
  const scored = scoreFeasible(pod, feasible, cycle, rows, scoreBuffers(state, feasible.length));
  const best = selectHost(scored.totals, feasible.length, cx);
  const target = cycle.snapshot.names[cycle.feasibleIndex![best]!]!;
  // The inspector always has the chosen node's row, even when it was not among the sampled ones.
  if (!rows.nodes.includes(target)) {
    rows.add(target, FILTERS.length);
    pushScores(rows, scored.perPlugin, best, scored.totals[best]!);
  }
  cx.api.bind(pod.metadata.namespace!, pod.metadata.name!, target);
  record({ selected: target });
  cx.events.record(pod, { component: NAME }, 'Normal', SCHEDULED, `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${target}`);
}

/**
 * Filters nodes from the rotating start until numFeasibleNodesToFind pass (or every node was
 * visited), as findNodesThatPassFilters does. The hot loops live in their own functions so a
 * de-optimisation elsewhere in a cycle does not send them back to the interpreter.
 */
function findFeasible(pod: Pod, cycle: SchedulingCycle, state: SchedulerState, rows: ResultRows, cap: number) {
  const snapshot = cycle.snapshot!;
  const n = snapshot.nodes.length;
  const statics = snapshot.classOf(pod);
  // Only the filters whose PreFilter did not say Skip, in profile order.
  const compiled: PodFilter[] = [];
  FILTERS.forEach((f, k) => {
    if (k < STATIC_FILTERS || f.skip?.(pod, cycle)) return;
    compiled.push({ k, filter: f.forPod?.(pod, cycle) ?? ((i: number) => f.filter(pod, snapshot.infos[i]!, cycle)) });
  });
  const want = numFeasibleNodesToFind(n);
  // The snapshot's list, refilled by every cycle (and read only during it): a fresh 500-entry
  // list per pod was an eighth of the garbage a cycle made.
  const feasible = snapshot.feasibleScratch;
  let count = 0;
  // The feasible nodes' snapshot indices, for the score plugins to read the snapshot's columns.
  const indices = snapshot.indexScratch;
  const failures: { info: NodeInfo; status: Status }[] = [];
  // The rotating start only matters when not every node is visited (ties are random anyway).
  const start = n && want < n ? state.nextStart % n : 0;
  const infos = snapshot.infos;
  let processed = 0;
  let i = start;
  for (; processed < n && count < want; processed++, i = i + 1 === n ? 0 : i + 1) {
    const info = infos[i]!;
    const row = processed < cap ? rows.add(snapshot.names[i]!) : -1;
    const s = filterNode(pod, i, cycle, statics, compiled, rows, row);
    if (s.code === 'Success') {
      indices[count] = i;
      feasible[count++] = info;
    } else failures.push({ info, status: s });
  }
  feasible.length = count;
  state.nextStart = n ? (start + processed) % n : 0;
  cycle.feasibleIndex = indices.subarray(0, count);
  return { feasible, failures };
}

/** Each score plugin's output column and the weighted totals, reused by every cycle (grown with the cluster). */
interface ScoreBuffers {
  columns: Float64Array[];
  totals: Float64Array;
}

function scoreBuffers(state: SchedulerState, n: number): ScoreBuffers {
  if (!state.buffers || state.buffers.totals.length < n) {
    const size = Math.max(n, 2 * (state.buffers?.totals.length ?? 64));
    state.buffers = { columns: SCORERS.map(() => new Float64Array(size)), totals: new Float64Array(size) };
  }
  return state.buffers;
}

/** Weighted sum of the score plugins per feasible node; the recorded nodes keep each plugin's score. */
function scoreFeasible(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle, rows: ResultRows, buffers: ScoreBuffers) {
  const n = feasible.length;
  const totals = buffers.totals;
  totals.fill(0, 0, n);
  const perPlugin: (Float64Array | null)[] = [];
  for (let k = 0; k < SCORERS.length; k++) {
    const p = SCORERS[k]!;
    if (n === 1 || p.skipScore?.(pod, cycle)) {
      perPlugin.push(null);
      continue;
    }
    const col = buffers.columns[k]!;
    p.scoreAll(pod, feasible, cycle, col);
    perPlugin.push(col);
    addWeighted(totals, col, p.weight, n);
  }
  // The recorded rows that passed every filter are the first feasible nodes, in order.
  let k = 0;
  for (const passed of rows.passed) {
    if (passed !== FILTERS.length) continue;
    pushScores(rows, perPlugin, k, totals[k]!);
    k++;
  }
  return { totals, perPlugin };
}

function addWeighted(totals: Float64Array, col: Float64Array, w: number, n: number): void {
  for (let i = 0; i < n; i++) totals[i]! += col[i]! * w;
}

/** Feasible node i's score per plugin, in SCORERS order (0 for a plugin that was skipped), then its total. */
function pushScores(rows: ResultRows, perPlugin: readonly (Float64Array | null)[], i: number, total: number): void {
  for (let k = 0; k < perPlugin.length; k++) rows.pushScore(perPlugin[k]?.[i] ?? 0);
  rows.pushScore(total);
}

/** selectHost: the highest total, ties broken by reservoir sampling with the seeded rng. */
function selectHost(totals: Float64Array, n: number, cx: ReconcileContext): number {
  let best = 0;
  let ties = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (cx.rng.int(ties) === 0) best = i;
    }
  }
  return best;
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
