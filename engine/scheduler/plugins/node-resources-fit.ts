// NodeResourcesFit (plugins/noderesources/fit.go + least_allocated.go): the pod's requests must
// fit in allocatable minus what is already requested; score prefers the least allocated node.
import type { Pod } from '../../api/core-v1.ts';
import { SUCCESS, perNode, unschedulable, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from '../framework.ts';
import { podNonZeroRequests, podRequests } from '../resources.ts';

export const name = 'NodeResourcesFit';
export const TOO_MANY_PODS = 'Too many pods';
export const insufficient = (resource: string) => `Insufficient ${resource}`;

/** fitsRequest: every resource the pod asks for, in upstream's order (pods, cpu, memory, storage, extended). */
export function fits(pod: Pod, info: NodeInfo): Status {
  const req = podRequests(pod);
  const reasons: string[] = [];
  if (info.requested.pods + 1 > info.allocatable.pods) reasons.push(TOO_MANY_PODS);
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const want = req[r] ?? 0;
    if (want > 0 && want > (info.allocatable[r] ?? 0) - (info.requested[r] ?? 0)) reasons.push(insufficient(r));
  }
  for (const [r, want] of Object.entries(req)) {
    if (['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(r) || !want) continue;
    if (want > (info.allocatable[r] ?? 0) - (info.requested[r] ?? 0)) reasons.push(insufficient(r));
  }
  return reasons.length ? unschedulable(name, reasons) : SUCCESS;
}

function least(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return ((capacity - requested) * 100) / capacity;
}

/** LeastAllocated with cpu:1 memory:1. */
export function score(pod: Pod, info: NodeInfo): number {
  const p = podNonZeroRequests(pod);
  const cpu = least(info.nonZeroRequested.cpu + p.cpu, info.allocatable.cpu);
  const mem = least(info.nonZeroRequested.memory + p.memory, info.allocatable.memory);
  return Math.floor((cpu + mem) / 2);
}

export const plugin = { name, filter: fits, weight: 1, scoreAll: perNode(score) } satisfies FilterPlugin & ScorePlugin;
