// NodeResourcesFit (plugins/noderesources/fit.go + least_allocated.go): the pod's requests must
// fit in allocatable minus what is already requested; score prefers the least allocated node.
import type { Pod } from '../../api/core-v1.ts';
import { SUCCESS, scorePerNode, unschedulable, type Cycle, type FilterPlugin, type NodeInfo, type ScorePlugin, type Status } from '../framework.ts';
import { podNonZeroRequests, podRequests, type Resources } from '../resources.ts';
import type { Snapshot } from '../snapshot.ts';

export const name = 'NodeResourcesFit';
export const TOO_MANY_PODS = 'Too many pods';
export const insufficient = (resource: string) => `Insufficient ${resource}`;

/** fitsRequest: every resource the pod asks for, in upstream's order (pods, cpu, memory, storage, extended). */
export function fits(pod: Pod, info: NodeInfo, cycle?: Cycle): Status {
  const req = podRequests(pod);
  if (cycle?.snapshot && info.index !== undefined && fitsColumns(req, info.index, cycle.snapshot)) return SUCCESS;
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

/** The same test on the snapshot's columns (no NodeInfo object read); false sends it to the general path for the reasons. */
function fitsColumns(req: Resources, i: number, s: Snapshot): boolean {
  const { requested: r, allocatable: a } = s;
  if (r.pods[i]! + 1 > a.pods[i]!) return false;
  if (req.cpu > 0 && req.cpu > a.cpu[i]! - r.cpu[i]!) return false;
  if (req.memory > 0 && req.memory > a.memory[i]! - r.memory[i]!) return false;
  const storage = req['ephemeral-storage'];
  if (storage > 0 && storage > a.storage[i]! - r.storage[i]!) return false;
  return extendedOf(req).length === 0;
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

function least(requested: number, capacity: number): number {
  if (capacity <= 0 || requested > capacity) return 0;
  return ((capacity - requested) * 100) / capacity;
}

/** LeastAllocated with cpu:1 memory:1. */
export function score(pod: Pod, info: NodeInfo, p = podNonZeroRequests(pod), s?: Snapshot): number {
  const i = info.index;
  if (s && i !== undefined) return Math.floor((least(s.nonZero.cpu[i]! + p.cpu, s.allocatable.cpu[i]!) + least(s.nonZero.memory[i]! + p.memory, s.allocatable.memory[i]!)) / 2);
  const cpu = least(info.nonZeroRequested.cpu + p.cpu, info.allocatable.cpu);
  const mem = least(info.nonZeroRequested.memory + p.memory, info.allocatable.memory);
  return Math.floor((cpu + mem) / 2);
}

export const plugin = { name, filter: fits, weight: 1, scoreAll: scorePerNode(score) } satisfies FilterPlugin & ScorePlugin;
