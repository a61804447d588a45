// Resource arithmetic the scheduler and kubelet share (component-helpers/resource): a pod's
// effective requests (max(init) vs Σ app containers) and a node's allocatable, as plain numbers
// (cpu in millicores, everything else in base units). A fast float parser is enough here:
// exact Quantity strings are the API server's business (engine/api/quantity.ts).
import type { Container, Node, Pod, ResourceList } from '../api/core-v1.ts';

export interface Resources {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  'ephemeral-storage': number;
  pods: number;
  [extended: string]: number;
}

const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** Parsed quantity strings: a cluster uses a handful ("100m", "128Mi"), parsed for every pod. */
const parsed = new Map<string, number>();
const MAX_PARSED = 1024;

/** The numeric value of a quantity string ("100m" -> 0.1, "1Gi" -> 1073741824); NaN if unparsable. */
export function quantityValue(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  let v = parsed.get(q);
  if (v === undefined) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(q, (v = parseQuantity(q)));
  }
  return v;
}

function parseQuantity(q: string): number {
  const m = /^([+-]?[0-9.]+)([eE][-+]?[0-9]+|[a-zA-Z]*)$/.exec(q.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  const sfx = m[2]!;
  if (sfx in BINARY) return n * BINARY[sfx]!;
  if (sfx in DECIMAL) return n * DECIMAL[sfx]!;
  if (/^[eE]/.test(sfx)) return n * 10 ** Number(sfx.slice(1));
  return NaN;
}

function toUnits(name: string, q: string | number | undefined): number {
  const v = quantityValue(q);
  if (!Number.isFinite(v)) return 0;
  return name === 'cpu' ? Math.ceil(v * 1000) : Math.ceil(v);
}

export function emptyResources(): Resources {
  return { cpu: 0, memory: 0, 'ephemeral-storage': 0, pods: 0 };
}

// for-in rather than Object.entries: no array of pairs per call (objects here are plain data).
export function fromList(list: ResourceList | undefined): Resources {
  const r = emptyResources();
  for (const k in list) r[k] = toUnits(k, list[k]);
  return r;
}

function containerRequests(c: Container): Resources {
  // Requests default to limits when only limits are given (API defaulting does this for pods;
  // do it here too so an undefaulted object still schedules the same).
  const r = fromList(c.resources?.limits);
  const requests = c.resources?.requests;
  for (const k in requests) r[k] = toUnits(k, requests[k]);
  return r;
}

function addInto(acc: Resources, r: Resources): void {
  for (const k in r) acc[k] = (acc[k] ?? 0) + r[k]!;
}

/**
 * Stored pods are frozen: their requests never change, so compute them once per containers list.
 * Keyed by spec.containers rather than the pod: a pod's later versions (bound, status updates)
 * share that frozen array, so the scheduler and its cache compute a pod's requests once in all.
 */
const requestsCache = new WeakMap<readonly Container[], { init: unknown; overhead: unknown; r: Resources }>();
const nonZeroCache = new WeakMap<readonly Container[], { cpu: number; memory: number }>();
const NO_CONTAINERS: Container[] = [];

/** PodRequests: Σ app containers, raised to the largest init container, plus overhead; pods = 1. */
export function podRequests(pod: Pod): Resources {
  // The scheduler asks for the same pod once per node visited: a one-entry cache in front of the WeakMap.
  if (pod === lastRequests.pod) return lastRequests.r;
  const containers = pod.spec.containers ?? NO_CONTAINERS;
  if (!Object.isFrozen(pod) || !Object.isFrozen(containers)) return computeRequests(pod);
  const init = pod.spec.initContainers;
  const overhead = pod.spec['overhead'];
  let c = requestsCache.get(containers);
  if (!c || c.init !== init || c.overhead !== overhead)
    requestsCache.set(containers, (c = { init, overhead, r: Object.freeze(computeRequests(pod)) as Resources }));
  lastRequests = { pod, r: c.r };
  return c.r;
}
let lastRequests: { pod: Pod | undefined; r: Resources } = { pod: undefined, r: emptyResources() };

function computeRequests(pod: Pod): Resources {
  const sum = emptyResources();
  for (const c of pod.spec.containers ?? []) addInto(sum, containerRequests(c));
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    for (const [k, v] of Object.entries(r)) if (v > (sum[k] ?? 0)) sum[k] = v;
  }
  addInto(sum, fromList(pod.spec['overhead'] as ResourceList | undefined));
  sum.pods = 1;
  return sum;
}

/** Scoring uses non-zero requests: 100m cpu / 200MB memory for containers that request none (upstream). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export function podNonZeroRequests(pod: Pod): { cpu: number; memory: number } {
  if (pod === lastNonZero.pod) return lastNonZero.r;
  const containers = pod.spec.containers ?? NO_CONTAINERS;
  if (!Object.isFrozen(pod) || !Object.isFrozen(containers)) return computeNonZero(pod);
  let r = nonZeroCache.get(containers);
  if (!r) nonZeroCache.set(containers, (r = Object.freeze(computeNonZero(pod))));
  lastNonZero = { pod, r };
  return r;
}
let lastNonZero: { pod: Pod | undefined; r: { cpu: number; memory: number } } = { pod: undefined, r: { cpu: 0, memory: 0 } };

function computeNonZero(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers ?? []) {
    const r = containerRequests(c);
    cpu += r.cpu || DEFAULT_MILLI_CPU_REQUEST;
    memory += r.memory || DEFAULT_MEMORY_REQUEST;
  }
  return { cpu, memory };
}

export function nodeAllocatable(node: Node): Resources {
  return fromList(node.status?.allocatable ?? node.status?.capacity);
}

/** A pod that still holds node resources: not terminal. */
export function holdsResources(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}
