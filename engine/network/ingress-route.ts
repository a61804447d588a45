// How ingress-nginx routes a request: the Ingresses of class nginx merged per host (exact host
// before wildcard `*.example.com` before rules without host), then the longest matching path
// (Exact before Prefix at equal length; Prefix matches whole path elements; ImplementationSpecific
// as Prefix), else the Ingress's defaultBackend, else the controller's own 404. The upstream is a
// ready endpoint of the backend Service (ingress-nginx balances over endpoints, not the VIP).
import type { Node, Service } from '../api/core-v1.ts';
import type { Engine } from '../engine.ts';
import { servedByNginx, type Ingress, type IngressBackend } from './ingress-controller.ts';
import { readRules } from './kube-proxy.ts';
import { vipKey, type ProxyEndpoint } from './proxy-rules.ts';

export type IngressRoute =
  | { kind: 'backend'; namespace: string; service: string; endpoints: ProxyEndpoint[] }
  | { kind: 'status'; status: number; reason: string };

/** Port 80 of localhost (kind's extraPortMappings) and of the control-plane node (hostPort). */
export function isIngressAddress(engine: Engine, host: string, port: number): boolean {
  if (port !== 80) return false;
  if (host === 'localhost' || host === '127.0.0.1') return true;
  const cp = (engine.store.list('nodes') as Node[]).find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  return cp?.status?.addresses?.some((a) => a.type === 'InternalIP' && a.address === host) ?? false;
}

function hostMatches(ruleHost: string | undefined, host: string): number {
  if (!ruleHost) return 1;
  if (ruleHost === host) return 3;
  if (ruleHost.startsWith('*.') && host.endsWith(ruleHost.slice(1)) && !host.slice(0, -ruleHost.length + 1).includes('.')) return 2;
  return 0;
}

function pathMatches(type: string, path: string, reqPath: string): boolean {
  if (type === 'Exact') return reqPath === path;
  if (path === '/' || path === '') return true;
  const p = path.replace(/\/$/, '');
  return reqPath === p || reqPath.startsWith(`${p}/`);
}

function resolveBackend(engine: Engine, ns: string, b: IngressBackend | undefined): IngressRoute {
  const unavailable: IngressRoute = { kind: 'status', status: 503, reason: 'Service Temporarily Unavailable' };
  if (!b?.service) return unavailable;
  const svc = engine.store.get('services', ns, b.service.name) as Service | undefined;
  if (!svc) return unavailable;
  const port = (svc.spec.ports ?? []).find((p) => (b.service!.port?.number !== undefined ? p.port === b.service!.port.number : p.name === b.service!.port?.name));
  if (!port) return unavailable;
  // The controller's endpoints view matches what kube-proxy programs for the Service's port.
  const node = engine.store.list('nodes').map((n) => n.metadata.name!).sort()[0] ?? '';
  const rule = svc.spec.clusterIP && svc.spec.clusterIP !== 'None' ? readRules(engine, node)?.vips[vipKey(svc.spec.clusterIP, port.port, port.protocol ?? 'TCP')] : undefined;
  const endpoints = rule?.endpoints ?? [];
  if (endpoints.length === 0) return unavailable;
  return { kind: 'backend', namespace: ns, service: svc.metadata.name!, endpoints };
}

export function routeIngress(engine: Engine, hostHeader: string, reqPath: string): IngressRoute {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  const path = reqPath.split('?')[0] || '/';
  const classes = engine.store.list('ingressclasses.networking.k8s.io');
  const ingresses = (engine.store.list('ingresses.networking.k8s.io') as Ingress[]).filter((i) => servedByNginx(i, classes));
  let best: { score: number; len: number; exact: boolean; ns: string; backend: IngressBackend } | undefined;
  for (const ing of ingresses) {
    for (const rule of ing.spec?.rules ?? []) {
      const score = hostMatches(rule.host, host);
      if (!score) continue;
      for (const p of rule.http?.paths ?? []) {
        const type = p.pathType ?? 'ImplementationSpecific';
        const ppath = p.path ?? '/';
        if (!pathMatches(type, ppath, path)) continue;
        const cand = { score, len: ppath.length, exact: type === 'Exact', ns: ing.metadata.namespace!, backend: p.backend };
        if (!best || cand.score > best.score || (cand.score === best.score && (cand.len > best.len || (cand.len === best.len && cand.exact && !best.exact)))) best = cand;
      }
    }
  }
  if (best) return resolveBackend(engine, best.ns, best.backend);
  const withDefault = ingresses.find((i) => i.spec?.defaultBackend);
  if (withDefault) return resolveBackend(engine, withDefault.metadata.namespace!, withDefault.spec!.defaultBackend);
  return { kind: 'status', status: 404, reason: 'Not Found' };
}
