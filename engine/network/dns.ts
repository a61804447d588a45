// CoreDNS's `kubernetes` plugin for cluster.local (and the resolver a container's libc runs):
// Service A records (ClusterIP, or the ready endpoints of a headless Service), per-pod records
// of headless Services (`web-0.nginx.default.svc.cluster.local`), `a-b-c-d.ns.pod.cluster.local`,
// ExternalName CNAMEs. There is no internet: other names do not resolve. CoreDNS answers from
// its informer cache, modelled by reading the store directly (it keeps answering while the API
// server is down); it answers only while the kube-dns Service routes to a running CoreDNS pod.
import type { Pod, Service } from '../api/core-v1.ts';
import { RESOURCE as SLICES, type EndpointSlice } from '../controllers/endpointslice.ts';
import type { Engine } from '../engine.ts';
import { SERVICE_NAME_LABEL } from './endpoint-util.ts';
import { networkAllows } from './network-policy.ts';
import { originNode, type Origin } from './origin.ts';
import { readRules } from './kube-proxy.ts';
import { vipKey } from './proxy-rules.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';
export const NDOTS = 5;

export interface DnsAnswer {
  rcode: 'NOERROR' | 'NXDOMAIN';
  /** Fully qualified name the answer is for (without the trailing dot). */
  name: string;
  a: string[];
  cname?: string;
}

export function searchDomains(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

export function resolvConf(namespace: string): string {
  return `search ${searchDomains(namespace).join(' ')}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:${NDOTS}\n`;
}

function headlessAddresses(engine: Engine, svc: Service): { ip: string; hostname?: string }[] {
  const publish = svc.spec['publishNotReadyAddresses'] === true;
  const out: { ip: string; hostname?: string }[] = [];
  for (const s of engine.store.list(SLICES, svc.metadata.namespace) as EndpointSlice[]) {
    if (s.metadata.labels?.[SERVICE_NAME_LABEL] !== svc.metadata.name) continue;
    for (const e of s.endpoints ?? []) {
      if (!publish && !e.conditions.ready) continue;
      out.push({ ip: e.addresses[0]!, ...(e.hostname ? { hostname: e.hostname } : {}) });
    }
  }
  return out;
}

/** One A query as CoreDNS answers it. */
export function queryA(engine: Engine, fqdn: string): DnsAnswer {
  const name = fqdn.replace(/\.$/, '').toLowerCase();
  const nx: DnsAnswer = { rcode: 'NXDOMAIN', name, a: [] };
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!name.endsWith(suffix)) return nx;
  const labels = name.slice(0, -suffix.length).split('.');
  if (labels.length === 3 && labels[2] === 'svc') {
    const svc = engine.store.get('services', labels[1], labels[0]!) as Service | undefined;
    if (!svc) return nx;
    if (svc.spec.type === 'ExternalName') return { rcode: 'NOERROR', name, a: [], cname: svc.spec.externalName ?? '' };
    if (svc.spec.clusterIP === 'None') return { rcode: 'NOERROR', name, a: headlessAddresses(engine, svc).map((x) => x.ip).sort() };
    return { rcode: 'NOERROR', name, a: svc.spec.clusterIP ? [svc.spec.clusterIP] : [] };
  }
  if (labels.length === 4 && labels[3] === 'svc') {
    const svc = engine.store.get('services', labels[2], labels[1]!) as Service | undefined;
    if (!svc || svc.spec.clusterIP !== 'None') return nx;
    const hits = headlessAddresses(engine, svc).filter((x) => x.hostname === labels[0] || x.ip.replace(/\./g, '-') === labels[0]);
    return hits.length ? { rcode: 'NOERROR', name, a: hits.map((x) => x.ip) } : nx;
  }
  if (labels.length === 3 && labels[2] === 'pod' && /^\d+-\d+-\d+-\d+$/.test(labels[0]!) && engine.store.get('namespaces', undefined, labels[1]!))
    return { rcode: 'NOERROR', name, a: [labels[0]!.replace(/-/g, '.')] };
  return nx;
}

/** Whether the pod's DNS queries reach a running CoreDNS through its node's kube-proxy rules. */
export function dnsReachable(engine: Engine, origin: Origin): boolean {
  const node = originNode(origin);
  if (!node) return false;
  const rule = readRules(engine, node)?.vips[vipKey(DNS_SERVICE_IP, 53, 'UDP')];
  for (const ep of rule?.endpoints ?? []) {
    const [ns, name] = (ep.pod ?? '/').split('/');
    const pod = engine.store.get('pods', ns, name!) as Pod | undefined;
    if (!pod || !pod.status?.containerStatuses?.some((c) => c.state?.running)) continue;
    if (networkAllows(engine, origin, pod, 53, 'UDP')) return true;
  }
  return false;
}

export interface Resolution {
  /** The name that answered (after search-list expansion). */
  fqdn: string;
  addresses: string[];
}

/**
 * getaddrinfo as musl/glibc run it with `ndots:5`: names with fewer dots try each search
 * domain first, then the name itself. `timeout` when no DNS server answers.
 */
export function resolveHost(engine: Engine, origin: Origin, host: string): Resolution | 'notfound' | 'timeout' {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { fqdn: host, addresses: [host] };
  if (host === 'localhost') return { fqdn: 'localhost', addresses: ['127.0.0.1'] };
  if (origin.kind === 'host') return 'notfound';
  const pod = origin.pod;
  if (host === pod.metadata.name || host === pod.spec['hostname']) return { fqdn: host, addresses: [pod.status?.podIP ?? '127.0.0.1'] };
  if (!dnsReachable(engine, origin)) return 'timeout';
  const ns = pod.metadata.namespace ?? 'default';
  const dots = host.replace(/\.$/, '').split('.').length - 1;
  const candidates = host.endsWith('.') ? [host] : dots < NDOTS ? [...searchDomains(ns).map((d) => `${host}.${d}`), host] : [host, ...searchDomains(ns).map((d) => `${host}.${d}`)];
  for (const c of candidates) {
    const ans = queryA(engine, c);
    if (ans.rcode === 'NOERROR' && ans.a.length) return { fqdn: ans.name, addresses: ans.a };
  }
  return 'notfound';
}
