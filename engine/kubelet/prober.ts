// The kubelet's prober (pkg/kubelet/prober): one probe of a container, with the upstream
// defaults (period 10 s, timeout 1 s, thresholds 1/3) and the result text its Unhealthy event
// carries. httpGet/tcpSocket reach the image's emulated server on the pod IP (from the node, so
// NetworkPolicy does not apply); exec runs the command in the container's virtual filesystem.
import type { Container, Pod, Probe } from '../api/core-v1.ts';
import { VirtualProcess } from '../containers/virtual-process.ts';
import { serverFor } from '../network/servers.ts';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export const PROBE_LABEL: Record<ProbeKind, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export function probeOf(c: Container, kind: ProbeKind): Probe | undefined {
  return kind === 'liveness' ? c.livenessProbe : kind === 'readiness' ? c.readinessProbe : c.startupProbe;
}

export const periodMs = (p: Probe) => (p.periodSeconds ?? 10) * 1000;
export const initialDelayMs = (p: Probe) => (p.initialDelaySeconds ?? 0) * 1000;
export const failureThreshold = (p: Probe) => p.failureThreshold ?? 3;
export const successThreshold = (p: Probe) => p.successThreshold ?? 1;

function resolvePort(c: Container, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return c.ports?.find((p) => p.name === port)?.containerPort ?? 0;
}

export interface ProbeInput {
  pod: Pod;
  container: Container;
  podIP: string;
  now: number;
  /** The container's files now (exec probes). */
  files: Map<string, string>;
  env: Record<string, string>;
  /** The image's server answers only while the container runs. */
  running: boolean;
  userAgent: string;
}

export interface ProbeResult {
  ok: boolean;
  /** The failure text after `Liveness probe failed: `. */
  message: string;
  /** The request line the server logs (http probes of nginx log `kube-probe/1.32`). */
  accessLog?: string;
}

export function runProbe(p: Probe, x: ProbeInput): ProbeResult {
  if (p.exec) {
    const r = VirtualProcess.run(p.exec.command ?? [], x.env, x.files, x.now, x.pod.metadata.name ?? '');
    return { ok: r.code === 0, message: r.code === 0 ? '' : r.output.replace(/\n$/, '') };
  }
  const server = x.running ? serverFor(x.container.image, [...(x.container.command ?? []), ...(x.container.args ?? [])].filter((a) => !a.startsWith('/'))) : undefined;
  if (p.tcpSocket) {
    const port = resolvePort(x.container, p.tcpSocket.port);
    if (server?.ports.includes(port)) return { ok: true, message: '' };
    return { ok: false, message: `dial tcp ${x.podIP}:${port}: connect: connection refused` };
  }
  if (p.httpGet) {
    const port = resolvePort(x.container, p.httpGet.port);
    const path = p.httpGet.path ?? '/';
    const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${x.podIP}:${port}${path}`;
    if (!server?.ports.includes(port)) return { ok: false, message: `Get "${url}": dial tcp ${x.podIP}:${port}: connect: connection refused` };
    const req = { method: 'GET', path, host: `${x.podIP}:${port}`, headers: {}, userAgent: x.userAgent, clientIP: nodeIPFor(x.pod) };
    const cx = { now: x.now, pod: x.pod, port };
    const res = server.serve(req, cx);
    const accessLog = server.accessLog?.(req, res, cx);
    const ok = res.status >= 200 && res.status < 400;
    return { ok, message: ok ? '' : `HTTP probe failed with statuscode: ${res.status}`, ...(accessLog !== undefined ? { accessLog } : {}) };
  }
  return { ok: true, message: '' };
}

function nodeIPFor(pod: Pod): string {
  return pod.status?.hostIP ?? '';
}

/** `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3` (describe). */
export function describeProbe(p: Probe): string {
  let what = 'unknown';
  if (p.httpGet) what = `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://:${p.httpGet.port}${p.httpGet.path ?? ''}`;
  else if (p.tcpSocket) what = `tcp-socket :${p.tcpSocket.port}`;
  else if (p.exec) what = `exec [${(p.exec.command ?? []).join(' ')}]`;
  return `${what} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${successThreshold(p)} #failure=${failureThreshold(p)}`;
}
