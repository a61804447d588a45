// What the Endpoints and EndpointSlice controllers share (pkg/controller/util/endpoint,
// pkg/api/v1/pod FindPort): which pods a Service selects, whether a pod belongs in its
// endpoints, and the container port a Service port's targetPort names on that pod.
import type { Pod, Service, ServicePort } from '../api/core-v1.ts';
import type { Selector } from '../api/labels.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY_CONTROLLER = 'endpointslice-controller.k8s.io';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

export function serviceSelector(svc: Service): Selector | undefined {
  const sel = svc.spec.selector;
  // An empty selector is stored as none (etcd's protobuf drops empty maps): no endpoints.
  if (!sel || Object.keys(sel).length === 0 || svc.spec.type === 'ExternalName') return undefined;
  return Object.entries(sel).map(([key, value]) => ({ key, op: '=' as const, value }));
}


export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

/** ShouldPodBeInEndpoints: not terminal, has an IP, and (unless asked) not terminating. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** podutil.FindPort: a numeric targetPort as is; a named one from the pod's container ports. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const tp = sp.targetPort ?? sp.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(tp)) return Number(tp);
  for (const c of pod.spec.containers)
    for (const p of c.ports ?? []) if (p.name === tp && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
}

/** The DNS hostname an endpoint carries: the pod's hostname when its subdomain names the Service. */
export function endpointHostname(pod: Pod, svc: Service): string | undefined {
  const h = pod.spec['hostname'] as string | undefined;
  return h && pod.spec['subdomain'] === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace ? h : undefined;
}

/** lessAddrByIPAndUID: endpoint addresses are ordered by IP string, then pod UID. */
export function compareIP(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
