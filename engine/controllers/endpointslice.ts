// The EndpointSlice controller (pkg/controller/endpointslice, staging endpointslice/reconciler.go):
// every Service with a selector owns EndpointSlices named `<svc>-<5 random>`, labelled
// kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, holding at most 100
// endpoints each with ready/serving/terminating conditions. A Service selecting nothing keeps
// one empty placeholder slice; existing slices are updated in place rather than replaced.
import type { Pod, Service } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { Store } from '../store/store.ts';
import { splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { podToServiceKeys, selectedPods } from './endpoints.ts';
import {
  compareIP, endpointHostname, findPort, HEADLESS_LABEL, isPodReady, MANAGED_BY_CONTROLLER, MANAGED_BY_LABEL, podIP, SERVICE_NAME_LABEL,
  serviceSelector, shouldPodBeInEndpoints, TRIGGER_TIME_ANNOTATION,
} from '../network/endpoint-util.ts';

export const NAME = 'endpointslice-controller';
export const RESOURCE = 'endpointslices.discovery.k8s.io';
/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints?: SliceEndpoint[];
  ports?: SlicePort[];
}

/** podToEndpoint: a terminating endpoint is never ready (unless not-ready addresses are published). */
export function sliceEndpoint(svc: Service, pod: Pod): SliceEndpoint {
  const publish = svc.spec['publishNotReadyAddresses'] === true;
  const terminating = !!pod.metadata.deletionTimestamp;
  const serving = isPodReady(pod);
  const host = endpointHostname(pod, svc);
  // Go struct field order (addresses, conditions, hostname, targetRef, nodeName).
  return {
    addresses: [podIP(pod)!],
    conditions: { ready: publish || (serving && !terminating), serving, terminating },
    ...(host ? { hostname: host } : {}),
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
  };
}

/** Desired slices' content: endpoints grouped by their resolved port list, chunked by 100. */
export function desiredSlices(svc: Service, pods: Pod[]): { ports: SlicePort[]; endpoints: SliceEndpoint[] }[] {
  const groups = new Map<string, { ports: SlicePort[]; endpoints: SliceEndpoint[] }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports: SlicePort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const n = findPort(pod, sp);
      if (n === undefined) continue;
      const p: SlicePort = { name: sp.name ?? '', port: n, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    const k = JSON.stringify(ports);
    const g = groups.get(k) ?? { ports, endpoints: [] };
    groups.set(k, g);
    g.endpoints.push(sliceEndpoint(svc, pod));
  }
  const out: { ports: SlicePort[]; endpoints: SliceEndpoint[] }[] = [];
  for (const g of groups.values()) {
    g.endpoints.sort((a, b) => compareIP(a.addresses[0]!, b.addresses[0]!));
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
  }
  return out;
}

function sliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  labels[MANAGED_BY_LABEL] = MANAGED_BY_CONTROLLER;
  labels[SERVICE_NAME_LABEL] = svc.metadata.name!;
  return labels;
}

function content(s: { ports?: SlicePort[] | undefined; endpoints?: SliceEndpoint[] | undefined; labels?: Record<string, string> | undefined }): string {
  return JSON.stringify([s.ports ?? [], s.endpoints ?? [], s.labels ?? {}]);
}

function sync(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const svc = cx.api.tryGet<Service>('services', namespace, name);
  if (!svc || svc.metadata.deletionTimestamp || !serviceSelector(svc)) return; // owned slices go with the Service (GC)
  const existing = cx.api
    .list<EndpointSlice>(RESOURCE, namespace)
    .filter((s) => s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_CONTROLLER)
    .sort((a, b) => compareIP(a.metadata.name!, b.metadata.name!));
  const desired = desiredSlices(svc, selectedPods(cx, svc));
  const labels = sliceLabels(svc);
  // The placeholder: no endpoints, no ports.
  const want: { ports?: SlicePort[]; endpoints?: SliceEndpoint[] }[] = desired.length ? desired : [{}];
  const now = cx.clock.nowRFC3339();
  want.forEach((w, i) => {
    const cur = existing[i];
    if (cur) {
      if (content({ ...cur, labels: cur.metadata.labels }) === content({ ...w, labels })) return;
      const next = structuredClone(cur) as EndpointSlice;
      next.metadata.labels = labels;
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: now };
      if (w.endpoints?.length) next.endpoints = w.endpoints;
      else delete next.endpoints;
      if (w.ports?.length) next.ports = w.ports;
      else delete next.ports;
      cx.api.update(RESOURCE, next);
      return;
    }
    const slice: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        generateName: `${name}-`,
        namespace,
        labels,
        annotations: { [TRIGGER_TIME_ANNOTATION]: now },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
    };
    if (w.endpoints?.length) slice.endpoints = w.endpoints;
    if (w.ports?.length) slice.ports = w.ports;
    cx.api.create(RESOURCE, namespace, slice);
  });
  for (const extra of existing.slice(want.length)) cx.api.delete(RESOURCE, namespace, extra.metadata.name!);
}

export function createEndpointSliceController(store: Store): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'services' },
      { resource: 'pods', map: (o, old) => podToServiceKeys(store, o, old) },
      {
        resource: RESOURCE,
        map: (o) => {
          const svc = o.metadata.labels?.[SERVICE_NAME_LABEL];
          return svc && o.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_CONTROLLER ? [`${o.metadata.namespace}/${svc}`] : [];
        },
      },
    ],
    reconcile: sync,
  };
}
