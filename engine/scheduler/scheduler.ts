// kube-scheduler's default profile, reduced to the plugins the simulation needs
// (pkg/scheduler/schedule_one.go): for each pending pod, run the filters on every node, score
// the feasible ones, pick the best (ties broken by reservoir sampling with the seeded rng), bind
// through the API server and record `Scheduled`; otherwise record `FailedScheduling` and the
// PodScheduled=False condition. Unschedulable pods are retried when a node changes or a bound
// pod goes away (the events that can make room), as the scheduling queue does.
import type { Node, Pod } from '../api/core-v1.ts';
import type { Condition } from '../api/meta.ts';
import { keyOf, splitKey, type Controller, type ReconcileContext, type Result } from '../controllers/controller.ts';
import { NODE_INDEX } from '../controllers/listers.ts';
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

/**
 * The scheduler cache (pkg/scheduler/backend/cache): what each node's bound pods request,
 * kept current from the pod watch and rebuilt from the store on (re)start. Derived data only.
 */
export class NodeUsage {
  private readonly byNode = new Map<string, { requested: Resources; nz: { cpu: number; memory: number } }>();
  private readonly counted = new Map<string, { node: string; req: Resources; nz: { cpu: number; memory: number } }>();

  rebuild(store: Store): void {
    this.byNode.clear();
    this.counted.clear();
    for (const p of store.list('pods') as Pod[]) this.apply(p, true);
  }

  /** Applies the latest state of a pod (present = still stored). */
  apply(p: Pod, present: boolean): void {
    const uid = p.metadata.uid!;
    const prev = this.counted.get(uid);
    const holds = present && !!p.spec?.nodeName && holdsResources(p);
    if (prev && holds && prev.node === p.spec.nodeName) return;
    if (prev) {
      this.add(prev.node, prev.req, prev.nz, -1);
      this.counted.delete(uid);
    }
    if (holds) {
      const c = { node: p.spec.nodeName!, req: podRequests(p), nz: podNonZeroRequests(p) };
      this.counted.set(uid, c);
      this.add(c.node, c.req, c.nz, 1);
    }
  }

  private add(node: string, req: Resources, nz: { cpu: number; memory: number }, sign: 1 | -1): void {
    let u = this.byNode.get(node);
    if (!u) this.byNode.set(node, (u = { requested: emptyResources(), nz: { cpu: 0, memory: 0 } }));
    for (const k in req) u.requested[k] = (u.requested[k] ?? 0) + sign * req[k]!;
    u.nz.cpu += sign * nz.cpu;
    u.nz.memory += sign * nz.memory;
  }

  nodeInfo(node: Node): NodeInfo {
    const u = this.byNode.get(node.metadata.name!);
    return {
      node,
      allocatable: nodeAllocatable(node),
      requested: u ? { ...u.requested } : emptyResources(),
      nonZeroRequested: u ? { ...u.nz } : { cpu: 0, memory: 0 },
    };
  }
}

export function createScheduler(store: Store): Controller {
  const allPending = (): string[] => (store.byIndex('pods', NODE_INDEX, '') as Pod[]).filter(isPending).map(keyOf).sort();
  const usage = new NodeUsage();
  usage.rebuild(store);
  return {
    name: NAME,
    watches: [
      {
        resource: 'pods',
        map: (o, old) => {
          const pod = o as Pod;
          const present = store.get('pods', o.metadata.namespace, o.metadata.name!)?.metadata.uid === o.metadata.uid;
          usage.apply(pod, present);
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
    resync: () => {
      usage.rebuild(store);
      return allPending();
    },
    reconcile: (key, cx) => scheduleOne(key, cx, usage),
  };
}

function scheduleOne(key: string, cx: ReconcileContext, usage: NodeUsage): Result {
  const { namespace, name } = splitKey(key);
  const pod = cx.api.tryGet<Pod>('pods', namespace, name);
  if (!pod || !isPending(pod)) return;
  const nodes = cx.api.list<Node>('nodes');
  const infos = nodes.map((n) => usage.nodeInfo(n));
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
