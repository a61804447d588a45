// kube-scheduler's default profile, reduced to the plugins the simulation needs
// (pkg/scheduler/schedule_one.go): for each pending pod, run the filters on every node, score
// the feasible ones, pick the best (ties broken by reservoir sampling with the seeded rng), bind
// through the API server and record `Scheduled`; otherwise record `FailedScheduling` and the
// PodScheduled=False condition. Unschedulable pods are retried when a node changes or a bound
// pod goes away (the events that can make room), as the scheduling queue does.
import type { Node, Pod } from '../api/core-v1.ts';
import type { Condition } from '../api/meta.ts';
import { keyOf, splitKey, type Controller, type ReconcileContext, type Result } from '../controllers/controller.ts';
import { listPodsOnNode, NODE_INDEX } from '../controllers/listers.ts';
import type { Store } from '../store/store.ts';
import { fitErrorMessage } from './failure-message.ts';
import type { FilterPlugin, NodeInfo, ScorePlugin, Status } from './framework.ts';
import { plugin as balancedAllocation } from './plugins/balanced-allocation.ts';
import { plugin as nodeAffinity } from './plugins/node-affinity.ts';
import { plugin as nodeName } from './plugins/node-name.ts';
import { plugin as nodeResourcesFit } from './plugins/node-resources-fit.ts';
import { plugin as nodeUnschedulable } from './plugins/node-unschedulable.ts';
import { plugin as taintToleration } from './plugins/taint-toleration.ts';
import { holdsResources, nodeAllocatable, podNonZeroRequests, podRequests, emptyResources, type Resources } from './resources.ts';
import { recordResult, type NodeResult } from './results.ts';

export const NAME = 'default-scheduler';
export const SCHEDULED = 'Scheduled';
export const FAILED_SCHEDULING = 'FailedScheduling';

/** Filter order of the default profile (MultiPoint order). */
const FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodeResourcesFit];
const SCORERS: ScorePlugin[] = [taintToleration, nodeResourcesFit, balancedAllocation];

const isPending = (p: Pod) =>
  !p.spec?.nodeName && !p.metadata.deletionTimestamp && (p.spec?.schedulerName ?? NAME) === NAME &&
  p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

export function createScheduler(store: Store): Controller {
  const allPending = (): string[] => (store.byIndex('pods', NODE_INDEX, '') as Pod[]).filter(isPending).map(keyOf);
  return {
    name: NAME,
    watches: [
      {
        resource: 'pods',
        map: (o, old) => {
          const pod = o as Pod;
          const present = store.get('pods', o.metadata.namespace, o.metadata.name!)?.metadata.uid === o.metadata.uid;
          if (!present) return pod.spec?.nodeName ? allPending() : [];
          if (isPending(pod)) {
            // Our own status writes (PodScheduled=False) must not requeue the pod.
            if (old && JSON.stringify((old as Pod).spec) === JSON.stringify(pod.spec)) return [];
            return [keyOf(pod)];
          }
          const was = old as Pod | undefined;
          if (pod.spec?.nodeName && was && holdsResources(was) && !holdsResources(pod)) return allPending();
          return [];
        },
      },
      { resource: 'nodes', map: () => allPending() },
    ],
    resync: () => allPending(),
    reconcile: (key, cx) => scheduleOne(key, cx),
  };
}

// NodeInfo per cycle; per-pod request sums are cached by object identity (stored objects are
// frozen and replaced on every write, so the cache can never be stale).
const requestCache = new WeakMap<object, { req: Resources; nz: { cpu: number; memory: number } }>();

function podCost(p: Pod): { req: Resources; nz: { cpu: number; memory: number } } {
  let c = requestCache.get(p);
  if (!c) requestCache.set(p, (c = { req: podRequests(p), nz: podNonZeroRequests(p) }));
  return c;
}

export function nodeInfo(node: Node, pods: Pod[]): NodeInfo {
  const requested = emptyResources();
  const nonZeroRequested = { cpu: 0, memory: 0 };
  const holding = pods.filter(holdsResources);
  for (const p of holding) {
    const { req, nz } = podCost(p);
    for (const k in req) requested[k] = (requested[k] ?? 0) + req[k]!;
    nonZeroRequested.cpu += nz.cpu;
    nonZeroRequested.memory += nz.memory;
  }
  return { node, pods: holding, allocatable: nodeAllocatable(node), requested, nonZeroRequested };
}

function scheduleOne(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const pod = cx.api.tryGet<Pod>('pods', namespace, name);
  if (!pod || !isPending(pod)) return;
  const nodes = cx.api.list<Node>('nodes');
  const infos = nodes.map((n) => nodeInfo(n, listPodsOnNode(cx.api, n.metadata.name!)));
  const results: Record<string, NodeResult> = {};
  const feasible: NodeInfo[] = [];
  const failures: Status[] = [];
  for (const info of infos) {
    const r: NodeResult = { filters: [] };
    results[info.node.metadata.name!] = r;
    let ok = true;
    for (const f of FILTERS) {
      const s = f.filter(pod, info);
      r.filters.push({ plugin: f.name, status: s });
      if (s.code !== 'Success') {
        failures.push(s);
        ok = false;
        break;
      }
    }
    if (ok) feasible.push(info);
  }

  if (feasible.length === 0) {
    const message = fitErrorMessage(nodes.length, failures);
    recordResult(cx.store, pod.metadata.uid!, { pod: key, at: cx.clock.now(), nodes: results, message });
    cx.events.record(pod, { component: NAME }, 'Warning', FAILED_SCHEDULING, message);
    setUnschedulable(pod, message, cx);
    return;
  }

  // Score, then pick the highest total; ties by reservoir sampling (selectHost).
  let best: NodeInfo | undefined;
  let bestScore = -1;
  let ties = 0;
  for (const info of feasible) {
    const scores: Record<string, number> = {};
    let total = 0;
    for (const p of SCORERS) {
      const s = feasible.length === 1 ? 0 : p.score(pod, info, feasible);
      scores[p.name] = s;
      total += s * p.weight;
    }
    const r = results[info.node.metadata.name!]!;
    r.scores = scores;
    r.total = total;
    if (total > bestScore) {
      bestScore = total;
      best = info;
      ties = 1;
    } else if (total === bestScore) {
      ties++;
      if (cx.rng.int(ties) === 0) best = info;
    }
  }
  const target = best!.node.metadata.name!;
  cx.api.bind(pod.metadata.namespace!, pod.metadata.name!, target);
  recordResult(cx.store, pod.metadata.uid!, { pod: key, at: cx.clock.now(), nodes: results, selected: target });
  cx.events.record(pod, { component: NAME }, 'Normal', SCHEDULED, `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${target}`);
}

function setUnschedulable(pod: Pod, message: string, cx: ReconcileContext): void {
  const conds = pod.status?.conditions ?? [];
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
  const next = structuredClone(pod);
  next.status = { ...(next.status ?? {}), conditions: [...conds.filter((c) => c.type !== 'PodScheduled'), cond] };
  if (!next.status.phase) next.status.phase = 'Pending';
  cx.api.updateStatus('pods', next);
}
