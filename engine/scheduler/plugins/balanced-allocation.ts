// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): prefer nodes
// whose cpu and memory would be used in equal proportion after placing the pod.
import type { Pod } from '../../api/core-v1.ts';
import { scorePerNode, type Cycle, type NodeInfo, type ScorePlugin } from '../framework.ts';
import { podNonZeroRequests } from '../resources.ts';

export const name = 'NodeResourcesBalancedAllocation';

export function score(pod: Pod, info: NodeInfo, p = podNonZeroRequests(pod)): number {
  return balanced(info.nonZeroRequested.cpu + p.cpu, info.allocatable.cpu, info.nonZeroRequested.memory + p.memory, info.allocatable.memory);
}

function balanced(cpuRequested: number, cpuAllocatable: number, memRequested: number, memAllocatable: number): number {
  const cpu = Math.min(1, cpuRequested / (cpuAllocatable || 1));
  const mem = Math.min(1, memRequested / (memAllocatable || 1));
  const std = Math.abs(cpu - mem) / 2;
  return Math.floor((1 - std) * 100);
}

/** Over the feasible nodes, from the snapshot's columns when they are snapshot nodes. */
function scoreAll(pod: Pod, feasible: readonly NodeInfo[], cycle?: Cycle): ArrayLike<number> {
  const s = cycle?.snapshot;
  const idx = cycle?.feasibleIndex;
  if (!s || !idx) return scorePerNode(score)(pod, feasible, cycle!);
  const p = podNonZeroRequests(pod);
  const { cpu: nzCpu, memory: nzMem } = s.nonZero;
  const { cpu: aCpu, memory: aMem } = s.allocatable;
  const out = new Array<number>(idx.length);
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    out[k] = balanced(nzCpu[i]! + p.cpu, aCpu[i]!, nzMem[i]! + p.memory, aMem[i]!);
  }
  return out;
}

export const plugin = { name, weight: 1, scoreAll } satisfies ScorePlugin;
