// The scheduling snapshot (pkg/scheduler/backend/cache/snapshot.go): the node list with one
// NodeInfo per node, built when a node changes and otherwise reused from cycle to cycle (the
// NodeInfos share the cache's usage records, which are updated in place as pods bind). It
// also keeps, as arrays by node index, what a cycle would otherwise re-derive from 5,000 Node
// objects scattered in memory for every pod (reading them is what costs, not the arithmetic):
// - allocatable and requested cpu/memory/ephemeral-storage/pods as columns (Float64Arrays),
//   the requests kept current by the cache as pods bind and go;
// - each node's domain per topology key (small integers), whether it has PreferNoSchedule taints;
// - per owning controller, its pods per node and per domain (the default spreading's counts),
//   kept current by the cache as pods bind and go;
// - the verdicts of the filters that read only the pod's spec and the Node object
//   (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity: the first four of the
//   profile), per class of pods with the same node name, selector, node affinity and
//   tolerations (what upstream's old equivalence cache did), filled in as nodes are visited.
import type { Node, Pod } from '../api/core-v1.ts';
import { SUCCESS, type Cycle, type FilterPlugin, type NodeInfo, type Status } from './framework.ts';
import type { NodeUsage } from './node-usage.ts';
import { nodeAllocatable, type Resources } from './resources.ts';

/** Parsed allocatable by stored Node (frozen objects: identity is a version). */
const allocatableCache = new WeakMap<Node, Resources>();

const MAX_CLASSES = 64;

/** Sets (or adds sign × r to) column entries i, as the cache sums them: same additions, same floats. */
function setColumns(c: ResourceColumns, i: number, r: Resources, sign: 1 | -1, set: boolean): void {
  if (set) {
    c.cpu[i] = r.cpu;
    c.memory[i] = r.memory;
    c.storage[i] = r['ephemeral-storage'];
    c.pods[i] = r.pods;
    return;
  }
  c.cpu[i]! += sign * r.cpu;
  c.memory[i]! += sign * r.memory;
  c.storage[i]! += sign * r['ephemeral-storage'];
  c.pods[i]! += sign * r.pods;
}

export interface Domains {
  /** Per node index: the domain number, or -1 when the node lacks the key. */
  ids: Int32Array;
  values: string[];
  /** Scratch marks by domain number for distinctDomains (left all zero). */
  seen: Uint8Array;
  /** Every node has the key, each with a value of its own (as hostnames are): n nodes span n domains. */
  allDistinct: boolean;
}

/** How many distinct domains the given nodes (snapshot indices indices[0..n)) span. */
export function distinctDomains(d: Domains, indices: Int32Array, n: number): number {
  if (d.allDistinct) return n;
  const marks = d.seen;
  let count = 0;
  // Once every domain was seen (3 zones, say) the rest cannot add one.
  for (let k = 0; k < n && count < d.values.length; k++) {
    const id = d.ids[indices[k]!]!;
    if (id >= 0 && !marks[id]) {
      marks[id] = 1;
      count++;
    }
  }
  // Clear the scratch marks: all of them when there are few domains, else only those marked.
  if (d.values.length <= n) marks.fill(0);
  else
    for (let k = 0; k < n; k++) {
      const id = d.ids[indices[k]!]!;
      if (id >= 0) marks[id] = 0;
    }
  return count;
}

/** StaticVerdicts.verdict: not visited yet, all static filters passed, one failed (its Status in `status`). */
export const UNKNOWN = 0;
export const PASSED = 1;
export const FAILED = 2;

/** Static filter verdicts of one class of pods, per node index. */
export interface StaticVerdicts {
  /** UNKNOWN, PASSED or FAILED (a byte per node: the loop over 500 nodes reads this, not `status`). */
  verdict: Uint8Array;
  /** The failing filter's Status where the verdict is FAILED. */
  status: (Status | undefined)[];
  /** How many filters passed before the failing one (the inspector's count). */
  passed: Uint8Array;
}

/** An owner's pods per node index, and per domain of the keys asked for (only nodes with all `require` keys count). */
interface OwnerCounts {
  byNode: Int32Array;
  byDomain: { key: string; require: Uint8Array; counts: Int32Array }[];
}

/** cpu (millicores), memory, ephemeral-storage, pods by node index. */
export interface ResourceColumns {
  cpu: Float64Array;
  memory: Float64Array;
  storage: Float64Array;
  pods: Float64Array;
}

const columns = (n: number): ResourceColumns => ({ cpu: new Float64Array(n), memory: new Float64Array(n), storage: new Float64Array(n), pods: new Float64Array(n) });

/**
 * What the static filters read of a pod: node name, selector, node affinity, tolerations. Every
 * pod has tolerations (admission adds the not-ready/unreachable ones), so those are joined by
 * hand: JSON.stringify of them per pod was a tenth of a cycle on a big cluster.
 */
function classKey(pod: Pod): string {
  const spec = pod.spec;
  const affinity = (spec.affinity as { nodeAffinity?: unknown } | undefined)?.nodeAffinity;
  let key = `${spec.nodeName ?? ''}\u0001${spec.nodeSelector || affinity ? JSON.stringify([spec.nodeSelector ?? null, affinity ?? null]) : ''}`;
  for (const t of spec.tolerations ?? []) key += `\u0001${t.key ?? ''}\u0000${t.operator ?? ''}\u0000${t.value ?? ''}\u0000${t.effect ?? ''}\u0000${t.tolerationSeconds ?? ''}`;
  return key;
}

export class Snapshot {
  readonly infos: readonly NodeInfo[];
  /** Node names by index (read here, not through NodeInfo -> Node -> metadata scattered in memory). */
  readonly names: readonly string[];
  readonly allocatable: ResourceColumns;
  readonly requested: ResourceColumns;
  /**
   * allocatable - requested, kept with it: the fit test per node reads 3 columns instead of 6
   * (the filter pass over 500 nodes costs in cache misses more than in arithmetic).
   */
  readonly free: ResourceColumns;
  /** Non-zero requests (scoring): cpu and memory. */
  readonly nonZero: { cpu: Float64Array; memory: Float64Array };
  /** 1 where the node has a PreferNoSchedule taint (TaintToleration scores only those). */
  readonly preferNoSchedule: Uint8Array;
  /** How many nodes have one. */
  readonly preferNoScheduleCount: number;
  private readonly index = new Map<string, number>();
  private readonly domains = new Map<string, Domains>();
  private readonly labelMasks = new Map<string, Uint8Array>();
  private readonly classes = new Map<string, StaticVerdicts>();
  private readonly owners = new Map<string, OwnerCounts>();
  /** The cycle's feasible node indices (one buffer reused by every cycle: a typed array per cycle would cost more than it saves). */
  readonly indexScratch: Int32Array;
  /** The cycle's feasible NodeInfos, likewise reused (valid until the next cycle). */
  readonly feasibleScratch: NodeInfo[] = [];

  constructor(
    readonly nodes: readonly Node[],
    private readonly usage: NodeUsage,
    /** The profile's leading filters that read only the pod's spec and the Node. */
    private readonly staticFilters: readonly FilterPlugin[],
    readonly generation = usage.generation,
  ) {
    this.infos = nodes.map((node, index) => {
      const u = usage.of(node.metadata.name!);
      let allocatable = allocatableCache.get(node);
      if (!allocatable) allocatableCache.set(node, (allocatable = nodeAllocatable(node)));
      // Shared, not copied: plugins only read them (preemption builds its own copies).
      return { node, allocatable, requested: u.requested, nonZeroRequested: u.nz, usedPorts: u.portSet, index };
    });
    this.names = nodes.map((n) => n.metadata.name!);
    this.names.forEach((name, i) => this.index.set(name, i));
    this.indexScratch = new Int32Array(nodes.length);
    const n = nodes.length;
    this.allocatable = columns(n);
    this.requested = columns(n);
    this.free = columns(n);
    this.nonZero = { cpu: new Float64Array(n), memory: new Float64Array(n) };
    this.infos.forEach((info, i) => {
      setColumns(this.allocatable, i, info.allocatable, 1, true);
      setColumns(this.requested, i, info.requested, 1, true);
      this.updateFree(i);
      this.nonZero.cpu[i] = info.nonZeroRequested.cpu;
      this.nonZero.memory[i] = info.nonZeroRequested.memory;
    });
    usage.requestListener = (node, req, nz, sign) => {
      const i = this.index.get(node);
      if (i === undefined) return;
      setColumns(this.requested, i, req, sign, false);
      this.updateFree(i);
      this.nonZero.cpu[i]! += sign * nz.cpu;
      this.nonZero.memory[i]! += sign * nz.memory;
    };
    this.preferNoSchedule = Uint8Array.from(nodes, (n) => (n.spec?.taints?.some((t) => t.effect === 'PreferNoSchedule') ? 1 : 0));
    this.preferNoScheduleCount = this.preferNoSchedule.reduce((a, b) => a + b, 0);
    usage.ownerListener = (owner, node, delta) => this.ownerChanged(owner, node, delta);
  }

  private updateFree(i: number): void {
    const { allocatable: a, requested: r, free: f } = this;
    f.cpu[i] = a.cpu[i]! - r.cpu[i]!;
    f.memory[i] = a.memory[i]! - r.memory[i]!;
    f.storage[i] = a.storage[i]! - r.storage[i]!;
    f.pods[i] = a.pods[i]! - r.pods[i]!;
  }

  /** An owner's pods per node index (built from the cache on first use, then kept current). */
  ownerCounts(owner: string): Int32Array {
    return this.countsOf(owner).byNode;
  }

  /** An owner's pods per domain of `key` (ids as domainsOf(key)), over nodes having every `require` key. */
  ownerDomainCounts(owner: string, key: string, require: readonly string[]): Int32Array {
    const c = this.countsOf(owner);
    const mask = this.withLabels(require);
    let d = c.byDomain.find((x) => x.key === key && x.require === mask);
    if (!d) {
      const ids = this.domainsOf(key);
      const counts = new Int32Array(ids.values.length);
      for (let i = 0; i < c.byNode.length; i++) if (c.byNode[i] && mask[i] && ids.ids[i]! >= 0) counts[ids.ids[i]!]! += c.byNode[i]!;
      c.byDomain.push((d = { key, require: mask, counts }));
    }
    return d.counts;
  }

  private countsOf(owner: string): OwnerCounts {
    let c = this.owners.get(owner);
    if (!c) {
      const byNode = new Int32Array(this.nodes.length);
      for (const [node, n] of this.usage.ownerNodes(owner)) {
        const i = this.index.get(node);
        if (i !== undefined) byNode[i] = n;
      }
      this.owners.set(owner, (c = { byNode, byDomain: [] }));
    }
    return c;
  }

  private ownerChanged(owner: string, node: string, delta: number): void {
    const c = this.owners.get(owner);
    const i = this.index.get(node);
    if (!c || i === undefined) return;
    c.byNode[i]! += delta;
    for (const d of c.byDomain) {
      const id = this.domainsOf(d.key).ids[i]!;
      if (d.require[i] && id >= 0) d.counts[id]! += delta;
    }
  }

  /** 1 where the node carries every one of the label keys. */
  withLabels(keys: readonly string[]): Uint8Array {
    const id = keys.join('\u0000');
    let m = this.labelMasks.get(id);
    if (!m) this.labelMasks.set(id, (m = Uint8Array.from(this.nodes, (n) => (keys.every((k) => n.metadata.labels?.[k] !== undefined) ? 1 : 0))));
    return m;
  }

  /** Each node's domain for a topology key. */
  domainsOf(key: string): Domains {
    let d = this.domains.get(key);
    if (d) return d;
    const number = new Map<string, number>();
    const ids = new Int32Array(this.nodes.length);
    this.nodes.forEach((n, i) => {
      const v = n.metadata.labels?.[key];
      if (v === undefined) {
        ids[i] = -1;
        return;
      }
      let id = number.get(v);
      if (id === undefined) number.set(v, (id = number.size));
      ids[i] = id;
    });
    const allDistinct = number.size === this.nodes.length;
    this.domains.set(key, (d = { ids, values: [...number.keys()], seen: new Uint8Array(number.size), allDistinct }));
    return d;
  }

  /** The static filters' verdict on node i for this pod, computed on first visit per class. */
  staticVerdict(cls: StaticVerdicts, pod: Pod, i: number, cycle: Cycle): Status {
    if (cls.verdict[i] === PASSED) return SUCCESS;
    if (cls.verdict[i] === FAILED) return cls.status[i]!;
    let s: Status = SUCCESS;
    let passed = 0;
    for (const f of this.staticFilters) {
      s = f.filter(pod, this.infos[i]!, cycle);
      if (s.code !== 'Success') break;
      passed++;
    }
    if (s.code === 'Success') cls.verdict[i] = PASSED;
    else {
      cls.verdict[i] = FAILED;
      cls.status[i] = s;
    }
    cls.passed[i] = passed;
    return s.code === 'Success' ? SUCCESS : s;
  }

  /** The verdict table of the pod's class. */
  classOf(pod: Pod): StaticVerdicts {
    const key = classKey(pod);
    let cls = this.classes.get(key);
    // Pods pinned to one node each (DaemonSet pods) make a class apiece: bound the memory.
    if (!cls && this.classes.size >= MAX_CLASSES) this.classes.clear();
    if (!cls) this.classes.set(key, (cls = { verdict: new Uint8Array(this.nodes.length), status: new Array(this.nodes.length), passed: new Uint8Array(this.nodes.length) }));
    return cls;
  }
}
