// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): prefer nodes
// whose cpu and memory would be used in equal proportion after placing the pod.
import type { Pod } from '../../api/core-v1.ts';
import { perNode, type NodeInfo, type ScorePlugin } from '../framework.ts';
import { podNonZeroRequests } from '../resources.ts';

export const name = 'NodeResourcesBalancedAllocation';

export function score(pod: Pod, info: NodeInfo): number {
  const p = podNonZeroRequests(pod);
  const cpu = Math.min(1, (info.nonZeroRequested.cpu + p.cpu) / (info.allocatable.cpu || 1));
  const mem = Math.min(1, (info.nonZeroRequested.memory + p.memory) / (info.allocatable.memory || 1));
  const std = Math.abs(cpu - mem) / 2;
  return Math.floor((1 - std) * 100);
}

export const plugin = { name, weight: 1, scoreAll: perNode(score) } satisfies ScorePlugin;
