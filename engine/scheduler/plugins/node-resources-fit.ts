// NodeResourcesFit (plugins/noderesources/fit.go + least_allocated.go): the pod's requests must
// fit in allocatable minus what is already requested; score prefers the least allocated node.
import type { Pod } from '../../api/core-v1.ts';
import { SUCCESS, resourceView, unschedulable, type Cycle, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from '../framework.ts';
import { podRequests, type Resources } from '../resources.ts';
import type { Snapshot } from '../snapshot.ts';

export const name = 'NodeResourcesFit';
export const TOO_MANY_PODS = 'Too many pods';
export const insufficient = (resource: string) => `Insufficient ${resource}`;

/** fitsRequest: every resource the pod asks for, in upstream's order (pods, cpu, memory, storage, extended). */
export function fits(pod: Pod, info: NodeInfo): Status {
  const req = podRequests(pod);
  const { requested, allocatable } = info;
  let reasons: string[] | undefined;
  if (requested.pods + 1 > allocatable.pods) (reasons ??= []).push(TOO_MANY_PODS);
  for (const r of STANDARD) {
    const want = req[r] ?? 0;
    if (want > 0 && want > (allocatable[r] ?? 0) - (requested[r] ?? 0)) (reasons ??= []).push(insufficient(r));
  }
  for (const r of extendedOf(req)) {
    const want = req[r]!;
    if (want > (allocatable[r] ?? 0) - (requested[r] ?? 0)) (reasons ??= []).push(insufficient(r));
  }
  return reasons ? unschedulable(name, reasons) : SUCCESS;
}

/**
 * Per pod: the same test on the snapshot's columns, no NodeInfo object read (that is what costs
 * on thousands of nodes); a node that does not fit, or a pod with extended resources, goes
 * through fits() for the reasons.
 */
function forPod(pod: Pod, cycle: Cycle & { snapshot: Snapshot }): (i: number) => Status {
  const req = podRequests(pod);
  const s = cycle.snapshot;
  if (extendedOf(req).length) return (i) => fits(pod, s.infos[i]!);
  // free = allocatable - requested, as fits() computes it: the same test (counts are integers).
  const free = s.free;
  const cpu = req.cpu;
  const memory = req.memory;
  const storage = req['ephemeral-storage'];
  return (i) => {
    if (1 > free.pods[i]! || (cpu > 0 && cpu > free.cpu[i]!) || (memory > 0 && memory > free.memory[i]!) || (storage > 0 && storage > free.storage[i]!))
      return fits(pod, s.infos[i]!);
    return SUCCESS;
  };
}

function least(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return ((capacity - requested) * 100) / capacity;
}

const STANDARD = ['cpu', 'memory', 'ephemeral-storage'] as const;
const NOT_EXTENDED = new Set<string>([...STANDARD, 'pods']);
const extendedCache = new WeakMap<Resources, string[]>();

/** The extended resources (GPUs, hugepages...) a pod asks a non-zero amount of, once per requests object. */
function extendedOf(req: Resources): string[] {
  let keys = extendedCache.get(req);
  if (!keys) extendedCache.set(req, (keys = Object.keys(req).filter((r) => !NOT_EXTENDED.has(r) && req[r])));
  return keys;
}

/** LeastAllocated with cpu:1 memory:1. */
const scoreAll: ScorePlugin['scoreAll'] = (pod, feasible, cycle, out) => {
  const v = resourceView(pod, feasible, cycle);
  for (let k = 0; k < feasible.length; k++)
    out[k] = Math.floor((least(v.cpuRequested[k]!, v.cpuAllocatable[k]!) + least(v.memRequested[k]!, v.memAllocatable[k]!)) / 2);
};

export const plugin = { name, filter: fits, weight: 1, scoreAll, forPod } satisfies FilterPlugin & ScorePlugin;
