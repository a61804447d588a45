// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go): prefer nodes
// whose cpu and memory would be used in equal proportion after placing the pod.
import { resourceView, type ScorePlugin } from '../framework.ts';

export const name = 'NodeResourcesBalancedAllocation';

/** (1 - |cpu fraction - memory fraction| / 2) × 100, each fraction capped at 1. */
const scoreAll: ScorePlugin['scoreAll'] = (pod, feasible, cycle, out) => {
  const v = resourceView(pod, feasible, cycle);
  for (let k = 0; k < feasible.length; k++) {
    const cpu = Math.min(1, v.cpuRequested[k]! / (v.cpuAllocatable[k]! || 1));
    const mem = Math.min(1, v.memRequested[k]! / (v.memAllocatable[k]! || 1));
    const std = Math.abs(cpu - mem) / 2;
    out[k] = Math.floor((1 - std) * 100);
  }
};

export const plugin = { name, weight: 1, scoreAll } satisfies ScorePlugin;
