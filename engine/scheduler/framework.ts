// The scheduling framework's shapes (pkg/scheduler/framework): a Status per plugin and node,
// NodeInfo (the node plus what is already requested on it), and the plugin interfaces.
import type { Node, Pod } from '../api/core-v1.ts';
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
}

export interface FilterPlugin {
  name: string;
  filter(pod: Pod, node: NodeInfo): Status;
}

export interface ScorePlugin {
  name: string;
  weight: number;
  /** 0..100 (already normalised if the plugin normalises across nodes). */
  score(pod: Pod, node: NodeInfo, all: NodeInfo[]): number;
}

export function unschedulable(plugin: string, reasons: string[], unresolvable = false): Status {
  return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons, plugin };
}
