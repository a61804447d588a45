// kube-proxy in iptables mode, one per node (pkg/proxy/iptables/proxier.go syncProxyRules):
// watches Services and EndpointSlices and rewrites the node's whole rule table on every sync.
// Ready endpoints are used; when a Service has none, its serving-but-terminating endpoints are
// (ProxyTerminatingEndpoints). Headless and ExternalName Services get no rules.
import type { Service } from '../api/core-v1.ts';
import type { Controller, ReconcileContext, Result } from '../controllers/controller.ts';
import { RESOURCE as SLICES, type EndpointSlice } from '../controllers/endpointslice.ts';
import type { Engine } from '../engine.ts';
import { SERVICE_NAME_LABEL } from './endpoint-util.ts';
import { nodePortKey, rulesKey, vipKey, type ProxyEndpoint, type ProxyRules, type ServiceRule } from './proxy-rules.ts';

const SYNC = 'sync';

export const proxyControllerName = (node: string) => `kube-proxy-rules/${node}`;
export const proxyComponent = (node: string) => `kube-proxy/${node}`;

export function buildRules(services: Service[], slices: EndpointSlice[], node: string, now: number): ProxyRules {
  const bySvc = new Map<string, EndpointSlice[]>();
  for (const s of slices) {
    const name = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!name) continue;
    const k = `${s.metadata.namespace}/${name}`;
    bySvc.set(k, [...(bySvc.get(k) ?? []), s]);
  }
  const rules: ProxyRules = { syncedAt: now, vips: {}, nodePorts: {} };
  for (const svc of services) {
    const sp = svc.spec;
    if (sp.type === 'ExternalName' || !sp.clusterIP || sp.clusterIP === 'None') continue;
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const affinity = sp.sessionAffinity === 'ClientIP'
      ? (((sp['sessionAffinityConfig'] as { clientIP?: { timeoutSeconds?: number } } | undefined)?.clientIP?.timeoutSeconds) ?? 10800)
      : undefined;
    for (const port of sp.ports ?? []) {
      const protocol = port.protocol ?? 'TCP';
      const ready: ProxyEndpoint[] = [];
      const terminating: ProxyEndpoint[] = [];
      for (const slice of bySvc.get(key) ?? []) {
        const p = (slice.ports ?? []).find((x) => (x.name ?? '') === (port.name ?? '') && (x.protocol ?? 'TCP') === protocol);
        if (!p) continue;
        for (const e of slice.endpoints ?? []) {
          const ep: ProxyEndpoint = { ip: e.addresses[0]!, port: p.port };
          if (e.targetRef) ep.pod = `${e.targetRef.namespace}/${e.targetRef.name}`;
          if (e.nodeName) ep.node = e.nodeName;
          if (e.conditions.ready) ready.push(ep);
          else if (e.conditions.serving && e.conditions.terminating) terminating.push(ep);
        }
      }
      const rule: ServiceRule = { service: key, portName: port.name ?? '', protocol, endpoints: ready.length ? ready : terminating };
      if (affinity !== undefined) rule.affinitySeconds = affinity;
      for (const ip of sp.clusterIPs?.length ? sp.clusterIPs : [sp.clusterIP]) rules.vips[vipKey(ip, port.port, protocol)] = rule;
      for (const ip of (sp['externalIPs'] as string[] | undefined) ?? []) rules.vips[vipKey(ip, port.port, protocol)] = rule;
      if (sp.type === 'LoadBalancer')
        for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing.ip) rules.vips[vipKey(ing.ip, port.port, protocol)] = rule;
      if (port.nodePort && (sp.type === 'NodePort' || sp.type === 'LoadBalancer')) {
        const local = sp['externalTrafficPolicy'] === 'Local';
        const r = local ? { ...rule, localOnly: true, endpoints: rule.endpoints.filter((e) => e.node === node) } : rule;
        rules.nodePorts[nodePortKey(port.nodePort, protocol)] = r;
      }
    }
  }
  return rules;
}

export function createKubeProxy(node: string): Controller {
  return {
    name: proxyControllerName(node),
    watches: [
      { resource: 'services', map: () => [SYNC] },
      { resource: SLICES, map: () => [SYNC] },
    ],
    resync: () => [SYNC],
    reconcile(_key: string, cx: ReconcileContext): Result {
      const services = cx.api.list<Service>('services');
      const slices = cx.api.list<EndpointSlice>(SLICES);
      const next = buildRules(services, slices, node, cx.clock.now());
      const prev = cx.store.getRecord<ProxyRules>(rulesKey(node));
      if (prev && JSON.stringify({ ...prev, syncedAt: 0 }) === JSON.stringify({ ...next, syncedAt: 0 })) return;
      cx.store.setRecord(rulesKey(node), next);
    },
  };
}

/** Hosts a kube-proxy per Node object; removed nodes' kube-proxies go with their component. */
export function syncKubeProxies(engine: Engine): void {
  const hosted = new Set(engine.controllers().map((c) => c.name));
  for (const n of engine.store.list('nodes').map((o) => o.metadata.name!).sort()) {
    if (hosted.has(proxyControllerName(n))) continue;
    engine.host(createKubeProxy(n), proxyComponent(n));
  }
  const nodes = new Set(engine.store.list('nodes').map((o) => o.metadata.name!));
  for (const name of hosted) {
    const m = /^kube-proxy-rules\/(.+)$/.exec(name);
    if (m && !nodes.has(m[1]!)) {
      engine.unhost(name);
      engine.store.deleteRecord(rulesKey(m[1]!));
    }
  }
}

export function readRules(engine: Engine, node: string): ProxyRules | undefined {
  return engine.store.getRecord<ProxyRules>(rulesKey(node));
}
