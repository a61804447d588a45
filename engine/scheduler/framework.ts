// The scheduling framework's shapes (pkg/scheduler/framework): a Status per plugin and node,
// NodeInfo (the node plus what is already requested on it), the per-cycle state plugins share
// (their PreFilter results), and the plugin interfaces.
import type { Node, Pod } from '../api/core-v1.ts';
import type { Store } from '../store/store.ts';
import { podNonZeroRequests, type Resources } from './resources.ts';
import type { Snapshot } from './snapshot.ts';

export type Code = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

export type Status = { code: 'Success' } | { code: Exclude<Code, 'Success'>; reasons: string[]; plugin: string };

export const SUCCESS: Status = { code: 'Success' };

export interface NodeInfo {
  node: Node;
  allocatable: Resources;
  /** Σ requests of `pods` (pods counts the pods). */
  requested: Resources;
  /** Σ non-zero requests (scoring treats a container without requests as 100m / 200MB). */
  nonZeroRequested: { cpu: number; memory: number };
  /** host ports in use: "protocol/ip/port". */
  usedPorts?: ReadonlySet<string>;
  /** Position in the cycle's snapshot (absent on a NodeInfo built for a what-if, as preemption does). */
  index?: number;
}

/** One scheduling cycle's shared state (CycleState): the snapshot plus plugins' PreFilter data. */
export interface Cycle {
  store: Store;
  /** Every node of the snapshot. */
  nodes: readonly Node[];
  /** Pods bound to a node that still hold it (the snapshot's NodeInfo.Pods). */
  podsOn(node: string): readonly Pod[];
  /** Every bound pod (lazily listed once per cycle). */
  boundPods(): readonly Pod[];
  /** PreFilter/PreScore results by plugin name. */
  memo: Map<string, unknown>;
  /** The scheduler's snapshot, for per-node data plugins keep by NodeInfo.index. */
  snapshot?: Snapshot;
  /** Virtual time of the cycle (ms). */
  now?: number;
  /** Set by the filter pass: the snapshot index of each feasible node (aligned with `feasible`); unset when they are not snapshot nodes. */
  feasibleIndex?: Int32Array;
}

export interface FilterPlugin {
  name: string;
  /** PreFilter: a failure here rejects the pod on every node with this message. */
  preFilter?(pod: Pod, cycle: Cycle): Status | undefined;
  filter(pod: Pod, node: NodeInfo, cycle: Cycle): Status;
  /** PreFilter's Skip: true when filter() would pass every node for this pod (called after preFilter). */
  skip?(pod: Pod, cycle: Cycle): boolean;
  /**
   * The filter with the pod's own data worked out once (PreFilter state): called per cycle, the
   * result per node of the cycle's snapshot, by index. Must answer exactly as filter() does.
   */
  forPod?(pod: Pod, cycle: Cycle & { snapshot: Snapshot }): (i: number) => Status;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /**
   * Writes each feasible node's score, 0..100, into out[k] for k < feasible.length (normalised
   * across them where the plugin normalises). `out` is the scheduler's buffer, reused by every
   * cycle: a score column per plugin per pod would be most of the garbage a cycle makes.
   */
  scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle, out: Float64Array): void;
  /** PreScore's Skip: true when scoreAll() would give every node 0. */
  skipScore?(pod: Pod, cycle: Cycle): boolean;
}

export function unschedulable(plugin: string, reasons: string[], unresolvable = false): Status {
  return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons, plugin };
}

/** Copies scores worked out as a list into the plugin's output. */
export function writeScores(out: Float64Array, scores: ArrayLike<number>): void {
  for (let k = 0; k < scores.length; k++) out[k] = scores[k]!;
}

/** DefaultNormalizeScore, in place on out[0..n): scale to 0..100 by the maximum (reverse: 100 - that). */
export function normalize(out: Float64Array, n: number, reverse = false): void {
  let max = 0;
  for (let k = 0; k < n; k++) if (out[k]! > max) max = out[k]!;
  for (let k = 0; k < n; k++) {
    const v = max === 0 ? 0 : Math.floor((out[k]! * 100) / max);
    out[k] = reverse ? 100 - v : v;
  }
}

/** The resource scorers' inputs per feasible node k: cpu and memory requested (the pod's non-zero requests added) and allocatable. */
export interface ResourceView {
  cpuRequested: Float64Array;
  cpuAllocatable: Float64Array;
  memRequested: Float64Array;
  memAllocatable: Float64Array;
}

/** Reused by every cycle (grown with the cluster): gathered once per cycle, read by both resource scorers. */
let view: ResourceView | undefined;

/**
 * The resource scorers' inputs gathered into dense columns, once per cycle, from the snapshot's
 * columns by index (or the NodeInfo objects when they are not snapshot nodes). Each scorer then
 * runs its own loop over them: one loop calling either scorer's arithmetic would be a
 * polymorphic call, 3× slower.
 */
export function resourceView(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle | undefined): ResourceView {
  const memo = cycle?.memo.get('ResourceView') as ResourceView | undefined;
  if (memo) return memo;
  const n = feasible.length;
  if (!view || view.cpuRequested.length < n) {
    const size = Math.max(n, 2 * (view?.cpuRequested.length ?? 64));
    view = { cpuRequested: new Float64Array(size), cpuAllocatable: new Float64Array(size), memRequested: new Float64Array(size), memAllocatable: new Float64Array(size) };
  }
  const p = podNonZeroRequests(pod);
  const s = cycle?.snapshot;
  const idx = cycle?.feasibleIndex;
  if (s && idx) gatherColumns(s, idx, n, p.cpu, p.memory, view);
  else {
    for (let k = 0; k < n; k++) {
      const info = feasible[k]!;
      view.cpuRequested[k] = info.nonZeroRequested.cpu + p.cpu;
      view.cpuAllocatable[k] = info.allocatable.cpu;
      view.memRequested[k] = info.nonZeroRequested.memory + p.memory;
      view.memAllocatable[k] = info.allocatable.memory;
    }
  }
  cycle?.memo.set('ResourceView', view);
  return view;
}

function gatherColumns(s: Snapshot, idx: Int32Array, n: number, cpu: number, memory: number, v: ResourceView): void {
  const { nonZero: nz, allocatable: a } = s;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    v.cpuRequested[k] = nz.cpu[i]! + cpu;
    v.cpuAllocatable[k] = a.cpu[i]!;
    v.memRequested[k] = nz.memory[i]! + memory;
    v.memAllocatable[k] = a.memory[i]!;
  }
}
