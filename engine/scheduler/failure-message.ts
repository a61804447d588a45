// FitError.Error() (pkg/scheduler/framework/types.go) plus the preemption PostFilter message:
// "0/3 nodes are available: <histogram>. preemption: 0/3 nodes are available: <histogram>.."
// Histogram entries are "<count> <reason>", sorted as strings, joined by ", ".
import type { Status } from './framework.ts';

export const PREEMPTION_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NO_PREEMPTION_VICTIMS = 'No preemption victims found for incoming pod';
export const NO_NODES = 'no nodes available to schedule pods';

function histogram(counts: Map<string, number>): string {
  return [...counts].map(([reason, n]) => `${n} ${reason}`).sort().join(', ');
}

export function fitErrorMessage(numNodes: number, statuses: Status[]): string {
  if (numNodes === 0) return NO_NODES;
  const reasons = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const s of statuses) {
    if (s.code === 'Success') continue;
    for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    // Without lower-priority victims to evict, preemption never helps in this simulation.
    const p = s.code === 'UnschedulableAndUnresolvable' ? PREEMPTION_NOT_HELPFUL : NO_PREEMPTION_VICTIMS;
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  return `0/${numNodes} nodes are available: ${histogram(reasons)}. preemption: 0/${numNodes} nodes are available: ${histogram(preemption)}..`;
}
