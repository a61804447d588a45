// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): prefer nodes
// whose cpu and memory would be used in equal proportion after placing the pod.
import type { Pod } from '../../api/core-v1.ts';
import { scorePerNode, type NodeInfo, type ScorePlugin } from '../framework.ts';
import { podNonZeroRequests } from '../resources.ts';
import type { Snapshot } from '../snapshot.ts';

export const name = 'NodeResourcesBalancedAllocation';

export function score(pod: Pod, info: NodeInfo, p = podNonZeroRequests(pod), s?: Snapshot): number {
  const i = info.index;
  const fromColumns = s && i !== undefined;
  const cpu = Math.min(1, ((fromColumns ? s.nonZero.cpu[i]! : info.nonZeroRequested.cpu) + p.cpu) / ((fromColumns ? s.allocatable.cpu[i]! : info.allocatable.cpu) || 1));
  const mem = Math.min(1, ((fromColumns ? s.nonZero.memory[i]! : info.nonZeroRequested.memory) + p.memory) / ((fromColumns ? s.allocatable.memory[i]! : info.allocatable.memory) || 1));
  const std = Math.abs(cpu - mem) / 2;
  return Math.floor((1 - std) * 100);
}

export const plugin = { name, weight: 1, scoreAll: scorePerNode(score) } satisfies ScorePlugin;
