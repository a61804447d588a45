// The scheduling framework's shapes (pkg/scheduler/framework): a Status per plugin and node,
// NodeInfo (the node plus what is already requested on it), the per-cycle state plugins share
// (their PreFilter results), and the plugin interfaces.
import type { Node, Pod } from '../api/core-v1.ts';
import type { Store } from '../store/store.ts';
import type { Resources } from './resources.ts';

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
}

export interface FilterPlugin {
  name: string;
  /** PreFilter: a failure here rejects the pod on every node with this message. */
  preFilter?(pod: Pod, cycle: Cycle): Status | undefined;
  filter(pod: Pod, node: NodeInfo, cycle: Cycle): Status;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** 0..100 per feasible node (normalised across them where the plugin normalises). */
  scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle: Cycle): number[];
}

export function unschedulable(plugin: string, reasons: string[], unresolvable = false): Status {
  return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons, plugin };
}

/** DefaultNormalizeScore: scale to 0..100 by the maximum (reverse: 100 - that). */
export function normalize(raw: number[], reverse = false): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map(() => (reverse ? 100 : 0));
  return raw.map((s) => {
    const v = Math.floor((s * 100) / max);
    return reverse ? 100 - v : v;
  });
}

/** For plugins that score each node on its own. */
export function perNode(f: (pod: Pod, info: NodeInfo) => number): ScorePlugin['scoreAll'] {
  return (pod, feasible) => feasible.map((n) => f(pod, n));
}
