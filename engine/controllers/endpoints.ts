// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go): every Service
// with a selector gets an Endpoints object of the same name listing its pods' IPs, ready pods
// under `addresses`, the others under `notReadyAddresses` (all under `addresses` with
// publishNotReadyAddresses). Terminating pods leave at once unless not-ready ones are published.
import type { Pod, Service } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { matches } from '../api/labels.ts';
import type { Store } from '../store/store.ts';
import { splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import {
  compareIP, endpointHostname, findPort, HEADLESS_LABEL, isPodReady, podIP, serviceSelector,
  shouldPodBeInEndpoints, TRIGGER_TIME_ANNOTATION,
} from '../network/endpoint-util.ts';

export const NAME = 'endpoint-controller';

interface Address {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace: string; name: string; uid: string };
}
interface Port {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
export interface Subset {
  addresses?: Address[];
  notReadyAddresses?: Address[];
  ports?: Port[];
}

/** A namespace's Services that have a selector, with it parsed, as of one version of the Service table. */
interface SelectingServices {
  version: number;
  byNamespace: Map<string, { key: string; selector: NonNullable<ReturnType<typeof serviceSelector>> }[]>;
}
const selecting = new WeakMap<Store, SelectingServices>();
/** The last pod event's keys: the Endpoints and EndpointSlice controllers both map every pod event. */
let lastEvent: { obj: KubeObject; old: KubeObject | undefined; version: number; keys: string[] } | undefined;

function servicesWithSelectors(store: Store, ns: string) {
  const version = store.version('services');
  let cache = selecting.get(store);
  if (!cache || cache.version !== version) selecting.set(store, (cache = { version, byNamespace: new Map() }));
  let list = cache.byNamespace.get(ns);
  if (!list) {
    list = [];
    for (const s of store.list('services', ns) as Service[]) {
      const selector = serviceSelector(s);
      if (selector !== undefined && selector.length > 0) list.push({ key: `${ns}/${s.metadata.name}`, selector });
    }
    cache.byNamespace.set(ns, list);
  }
  return list;
}

/** Pods a Service selects, by key: for pod events, the Services selecting the old or new labels. */
export function podToServiceKeys(store: Store, obj: KubeObject, old: KubeObject | undefined): string[] {
  const version = store.version('services');
  if (lastEvent && lastEvent.obj === obj && lastEvent.old === old && lastEvent.version === version) return lastEvent.keys;
  const services = servicesWithSelectors(store, obj.metadata.namespace!);
  // A list, not a Set: this runs for every pod write, and selects zero or one service most of the time.
  const keys: string[] = [];
  for (const s of services) if (matches(s.selector, obj.metadata.labels)) keys.push(s.key);
  // Most pod writes (status) keep the same frozen labels object: the old version selects the same services.
  if (old && old.metadata.labels !== obj.metadata.labels)
    for (const s of services) if (matches(s.selector, old.metadata.labels) && !keys.includes(s.key)) keys.push(s.key);
  lastEvent = { obj, old, version, keys };
  return keys;
}

export function selectedPods(cx: Pick<ReconcileContext, 'api'>, svc: Service): Pod[] {
  const sel = serviceSelector(svc);
  if (!sel) return [];
  return cx.api.list<Pod>('pods', svc.metadata.namespace).filter((p) => matches(sel, p.metadata.labels));
}

/** The subsets the controller computes (RepackSubsets: one subset per distinct port list). */
export function computeSubsets(svc: Service, pods: Pod[]): Subset[] {
  const tolerate = svc.spec['publishNotReadyAddresses'] === true;
  const groups = new Map<string, { ports: Port[]; ready: Address[]; notReady: Address[] }>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerate)) continue;
    const ip = podIP(pod)!;
    // Go struct field order (ip, hostname, nodeName, targetRef), as -o json prints it.
    const host = endpointHostname(pod, svc);
    const addr: Address = {
      ip,
      ...(host ? { hostname: host } : {}),
      ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid: pod.metadata.uid! },
    };
    const ports: Port[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const n = findPort(pod, sp);
      if (n === undefined) continue;
      const p: Port = { ...(sp.name ? { name: sp.name } : {}), port: n, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    // A Service with ports whose target the pod lacks gets no address for it; a headless
    // Service without ports lists the address alone.
    if (ports.length === 0 && (svc.spec.ports ?? []).length > 0) continue;
    const k = JSON.stringify(ports);
    const g = groups.get(k) ?? { ports, ready: [], notReady: [] };
    groups.set(k, g);
    (tolerate || isPodReady(pod) ? g.ready : g.notReady).push(addr);
  }
  const byAddr = (a: Address, b: Address) => compareIP(a.ip, b.ip) || compareIP(a.targetRef.uid, b.targetRef.uid);
  return [...groups.values()].map((g) => {
    const s: Subset = {};
    if (g.ready.length) s.addresses = g.ready.sort(byAddr);
    if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byAddr);
    if (g.ports.length) s.ports = g.ports;
    return s;
  });
}

function desiredLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return labels;
}

function sync(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const svc = cx.api.tryGet<Service>('services', namespace, name);
  const current = cx.api.tryGet('endpoints', namespace, name);
  if (!svc) {
    if (current) cx.api.delete('endpoints', namespace, name);
    return;
  }
  if (!serviceSelector(svc)) return; // Endpoints of selector-less Services are the user's.
  const subsets = computeSubsets(svc, selectedPods(cx, svc));
  const labels = desiredLabels(svc);
  if (current) {
    const same = JSON.stringify(current['subsets'] ?? []) === JSON.stringify(subsets) && JSON.stringify(current.metadata.labels ?? {}) === JSON.stringify(labels);
    if (same) return;
    const next = structuredClone(current) as KubeObject;
    next.metadata.labels = labels;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [TRIGGER_TIME_ANNOTATION]: cx.clock.nowRFC3339() };
    if (subsets.length) next['subsets'] = subsets;
    else delete next['subsets'];
    cx.api.update('endpoints', next);
    return;
  }
  const ep: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace, labels, annotations: { [TRIGGER_TIME_ANNOTATION]: cx.clock.nowRFC3339() } },
  };
  if (subsets.length) ep['subsets'] = subsets;
  cx.api.create('endpoints', namespace, ep);
}

export function createEndpointsController(store: Store): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'services' },
      { resource: 'pods', map: (o, old) => podToServiceKeys(store, o, old) },
    ],
    reconcile: sync,
  };
}
