// What a container uses when idle, for OOM decisions and the simulated metrics-server: a
// per-image baseline (what `kubectl top` shows for a fresh container of that image), or the
// KWOK-style knob annotations `sim.kubeplay.dev/memory: 300Mi` / `sim.kubeplay.dev/cpu: 250m`
// on the pod, which win.
import type { Container, Pod } from '../api/core-v1.ts';
import { quantityValue } from '../scheduler/resources.ts';
import { parseImageRef } from './images.ts';

export const MEMORY_KNOB = 'sim.kubeplay.dev/memory';
export const CPU_KNOB = 'sim.kubeplay.dev/cpu';

const MI = 1024 * 1024;

/** Idle usage by repository: [millicores, bytes]. */
const BASE: Record<string, [number, number]> = {
  'docker.io/library/nginx': [0, 3 * MI],
  'registry.k8s.io/nginx-slim': [0, 2 * MI],
  'docker.io/library/httpd': [1, 5 * MI],
  'docker.io/library/redis': [2, 4 * MI],
  'docker.io/library/postgres': [3, 25 * MI],
  'docker.io/library/mysql': [5, 360 * MI],
  'docker.io/library/busybox': [0, MI / 2],
  'docker.io/library/alpine': [0, MI / 2],
  'docker.io/library/ubuntu': [0, MI],
  'docker.io/library/debian': [0, MI],
  'gcr.io/google-samples/kubernetes-bootcamp': [0, 9 * MI],
  'registry.k8s.io/echoserver': [1, 4 * MI],
  'registry.k8s.io/coredns/coredns': [2, 13 * MI],
  'registry.k8s.io/etcd': [18, 38 * MI],
  'registry.k8s.io/kube-apiserver': [35, 220 * MI],
  'registry.k8s.io/kube-controller-manager': [12, 50 * MI],
  'registry.k8s.io/kube-scheduler': [3, 22 * MI],
  'registry.k8s.io/kube-proxy': [1, 14 * MI],
  'docker.io/kindest/kindnetd': [1, 10 * MI],
  'registry.k8s.io/metrics-server/metrics-server': [3, 18 * MI],
};

export function baseUsage(image: string | undefined): { cpuMilli: number; memoryBytes: number } {
  const repo = parseImageRef(image ?? '')?.repository ?? '';
  const b = BASE[repo] ?? [1, 8 * MI];
  return { cpuMilli: b[0], memoryBytes: b[1] };
}

/** The knob on the pod, split evenly across its containers. */
function knob(pod: Pod, name: string): number | undefined {
  const v = pod.metadata.annotations?.[name];
  if (v === undefined) return undefined;
  return quantityValue(v) / Math.max(1, pod.spec.containers.length);
}

export function containerMemoryBytes(pod: Pod, c: Container): number {
  return knob(pod, MEMORY_KNOB) ?? baseUsage(c.image).memoryBytes;
}

export function containerCpuMilli(pod: Pod, c: Container): number {
  const k = knob(pod, CPU_KNOB);
  return k !== undefined ? k * 1000 : baseUsage(c.image).cpuMilli;
}
