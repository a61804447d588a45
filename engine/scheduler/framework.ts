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
  /** While scoring: the snapshot index of each feasible node (aligned with `feasible`), when all are snapshot nodes. */
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
   * result per node of the snapshot. Must answer exactly as filter() does.
   */
  forPod?(pod: Pod, cycle: Cycle): (info: NodeInfo) => Status;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** 0..100 per feasible node (normalised across them where the plugin normalises). */
  scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle): ArrayLike<number>;
  /** PreScore's Skip: true when scoreAll() would give every node 0. */
  skipScore?(pod: Pod, cycle: Cycle): boolean;
}

export function unschedulable(plugin: string, reasons: string[], unresolvable = false): Status {
  return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons, plugin };
}

/** DefaultNormalizeScore: scale to 0..100 by the maximum (reverse: 100 - that). */
export function normalize(raw: ArrayLike<number>, reverse = false): number[] {
  let max = 0;
  for (let i = 0; i < raw.length; i++) if (raw[i]! > max) max = raw[i]!;
  const out = new Array<number>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = max === 0 ? 0 : Math.floor((raw[i]! * 100) / max);
    out[i] = reverse ? 100 - v : v;
  }
  return out;
}

/**
 * For the resource scorers: each feasible node scored from cpu and memory requested (with the
 * pod's non-zero requests added) and allocatable, read from the snapshot's columns by index, or
 * from the NodeInfo objects when they are not snapshot nodes.
 */
export function scoreResources(f: (cpuRequested: number, cpuAllocatable: number, memRequested: number, memAllocatable: number) => number): ScorePlugin['scoreAll'] {
  return (pod, feasible, cycle) => {
    const p = podNonZeroRequests(pod);
    const out = new Array<number>(feasible.length);
    const s = cycle?.snapshot;
    const idx = cycle?.feasibleIndex;
    if (s && idx) {
      const { nonZero: nz, allocatable: a } = s;
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k]!;
        out[k] = f(nz.cpu[i]! + p.cpu, a.cpu[i]!, nz.memory[i]! + p.memory, a.memory[i]!);
      }
      return out;
    }
    for (let k = 0; k < feasible.length; k++) {
      const info = feasible[k]!;
      out[k] = f(info.nonZeroRequested.cpu + p.cpu, info.allocatable.cpu, info.nonZeroRequested.memory + p.memory, info.allocatable.memory);
    }
    return out;
  };
}

