// The simulated metrics-server's view: per-container CPU and memory of running pods (image
// baseline or knob annotations, plus the load a learner drives, shared by the workload's ready
// pods) and per-node totals (pods plus the node's system overhead). Pods report after their
// first scrape, METRICS_DELAY_MS after they started; the API is there only while the
// metrics-server Deployment in kube-system has an available replica.
import type { Node, Pod } from '../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../api/meta.ts';
import { fromLabelSelector, matches } from '../api/labels.ts';
import { containerCpuMilli, containerMemoryBytes } from '../containers/usage.ts';
import type { Engine } from '../engine.ts';
import { quantityValue } from '../scheduler/resources.ts';
import { loads } from './load.ts';

export const METRICS_DELAY_MS = 15_000;
const MI = 1024 * 1024;
/** kubelet, containerd and the OS on a kind node. */
const NODE_OVERHEAD = { cpuMilli: 28, memoryBytes: 410 * MI };

export interface ContainerUsage {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
}

/**
 * The Metrics API answers while the metrics-server Deployment has an available replica. Until
 * bootstrap creates that Deployment (metrics-server.ts; adding a pod at bootstrap shifts every
 * generated name), a cluster without one has the simulator's built-in pipeline.
 */
export function metricsAvailable(engine: Engine): boolean {
  const d = engine.store.get('deployments.apps', 'kube-system', 'metrics-server') as KubeObject | undefined;
  if (!d) return true;
  return ((d['status'] as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0) > 0;
}

const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Extra CPU per pod from driven load, by pod uid. */
function loadShares(engine: Engine): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of loads(engine.store)) {
    const w = engine.store.get(l.resource, l.namespace, l.name) as KubeObject | undefined;
    const sel = fromLabelSelector((w?.['spec'] as { selector?: LabelSelector } | undefined)?.selector);
    if (!sel) continue;
    const pods = (engine.store.list('pods', l.namespace) as Pod[]).filter((p) => !p.metadata.deletionTimestamp && isReady(p) && matches(sel, p.metadata.labels ?? {}));
    for (const p of pods) out.set(p.metadata.uid!, (out.get(p.metadata.uid!) ?? 0) + l.milli / pods.length);
  }
  return out;
}

/** Usage of a pod's containers, or undefined when metrics-server has none for it (yet). */
export function podUsage(engine: Engine, pod: Pod, shares = loadShares(engine)): ContainerUsage[] | undefined {
  if (pod.status?.phase !== 'Running') return undefined;
  const started = Date.parse(pod.status.startTime ?? '');
  if (!(started + METRICS_DELAY_MS <= engine.clock.now())) return undefined;
  const extra = shares.get(pod.metadata.uid!) ?? 0;
  return pod.spec.containers.map((c, i) => {
    const running = pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running;
    let cpu = running ? containerCpuMilli(pod, c) + (i === 0 ? extra : 0) : 0;
    // CPU limits throttle; memory is what it is (over the limit the kubelet OOM-kills).
    const limit = c.resources?.limits?.['cpu'];
    if (limit !== undefined) cpu = Math.min(cpu, quantityValue(limit) * 1000);
    return { name: c.name, cpuMilli: Math.round(cpu), memoryBytes: running ? containerMemoryBytes(pod, c) : 0 };
  });
}

export function allPodUsage(engine: Engine, namespace?: string): Map<string, ContainerUsage[]> {
  const shares = loadShares(engine);
  const out = new Map<string, ContainerUsage[]>();
  for (const p of engine.store.list('pods', namespace) as Pod[]) {
    const u = podUsage(engine, p, shares);
    if (u) out.set(p.metadata.uid!, u);
  }
  return out;
}

export function nodeUsage(engine: Engine, node: Node): { cpuMilli: number; memoryBytes: number } | undefined {
  if (!node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return undefined;
  const shares = loadShares(engine);
  let cpu = NODE_OVERHEAD.cpuMilli;
  let mem = NODE_OVERHEAD.memoryBytes;
  for (const p of engine.store.list('pods') as Pod[]) {
    if (p.spec.nodeName !== node.metadata.name) continue;
    for (const c of podUsage(engine, p, shares) ?? []) {
      cpu += c.cpuMilli;
      mem += c.memoryBytes;
    }
  }
  return { cpuMilli: cpu, memoryBytes: mem };
}
