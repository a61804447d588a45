// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): prefer nodes
// whose cpu and memory would be used in equal proportion after placing the pod.
import { scoreResources, type ScorePlugin } from '../framework.ts';

export const name = 'NodeResourcesBalancedAllocation';

function balanced(cpuRequested: number, cpuAllocatable: number, memRequested: number, memAllocatable: number): number {
  const cpu = Math.min(1, cpuRequested / (cpuAllocatable || 1));
  const mem = Math.min(1, memRequested / (memAllocatable || 1));
  const std = Math.abs(cpu - mem) / 2;
  return Math.floor((1 - std) * 100);
}

export const plugin = { name, weight: 1, scoreAll: scoreResources(balanced) } satisfies ScorePlugin;
