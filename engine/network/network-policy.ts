// NetworkPolicy as a CNI enforces it (networking.k8s.io/v1 semantics): a pod is isolated for
// ingress (egress) once any policy in its namespace selects it with that policy type; then
// only traffic some selecting policy's rules allow passes: peers by podSelector,
// namespaceSelector (both = AND), ipBlock (cidr minus except), and ports (number or the
// destination container's port name, optional endPort). Evaluated after kube-proxy's DNAT,
// on the pod IP and target port. Dropped packets are never answered: callers time out.
import type { Pod } from '../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../api/meta.ts';
import { selectorMatches } from '../api/labels.ts';
import type { Engine } from '../engine.ts';
import { originIP, type Origin } from './origin.ts';

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}
interface NetworkPolicy extends KubeObject {
  spec?: { podSelector?: LabelSelector; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] };
}

export const RESOURCE = 'networkpolicies.networking.k8s.io';

function policyTypes(p: NetworkPolicy): string[] {
  if (p.spec?.policyTypes?.length) return p.spec.policyTypes;
  return p.spec?.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function inCIDR(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  if (!base || !/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return false;
  const n = bits === undefined ? 32 : Number(bits);
  if (n === 0) return true;
  const mask = n >= 32 ? 0xffffffff : (0xffffffff << (32 - n)) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}

/** The pod or address on the other side of the rule. */
type Party = { pod: Pod; ip: string } | { pod?: undefined; ip: string };

function peerMatches(engine: Engine, peer: Peer, policyNs: string, other: Party): boolean {
  if (peer.ipBlock) return inCIDR(other.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c) => inCIDR(other.ip, c));
  if (!other.pod) return false;
  const ns = other.pod.metadata.namespace!;
  if (peer.namespaceSelector) {
    const nsObj = engine.store.get('namespaces', undefined, ns);
    if (!selectorMatches(peer.namespaceSelector, nsObj?.metadata.labels ?? {})) return false;
  } else if (ns !== policyNs) return false;
  return peer.podSelector ? selectorMatches(peer.podSelector, other.pod.metadata.labels ?? {}) : true;
}

function portMatches(ports: PolicyPort[] | undefined, port: number, protocol: string, dst: Pod | undefined): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) {
      return !!dst?.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.port && cp.containerPort === port));
    }
    const n = Number(p.port);
    return p.endPort !== undefined ? port >= n && port <= p.endPort : port === n;
  });
}

function allowedBy(engine: Engine, pod: Pod, direction: 'Ingress' | 'Egress', other: Party, port: number, protocol: string, dst: Pod | undefined): boolean {
  const ns = pod.metadata.namespace!;
  const selecting = (engine.store.list(RESOURCE, ns) as NetworkPolicy[]).filter(
    (p) => policyTypes(p).includes(direction) && selectorMatches(p.spec?.podSelector ?? {}, pod.metadata.labels ?? {}),
  );
  if (selecting.length === 0) return true;
  for (const p of selecting) {
    const rules = (direction === 'Ingress' ? p.spec?.ingress : p.spec?.egress) ?? [];
    for (const r of rules) {
      const peers = direction === 'Ingress' ? r.from : r.to;
      if (peers?.length && !peers.some((peer) => peerMatches(engine, peer, ns, other))) continue;
      if (portMatches(r.ports, port, protocol, dst)) return true;
    }
  }
  return false;
}

/** Whether a packet from `origin` to `dst`'s `port` passes egress (source) and ingress (destination) policy. */
export function networkAllows(engine: Engine, origin: Origin, dst: Pod, port: number, protocol = 'TCP'): boolean {
  const dstParty: Party = { pod: dst, ip: dst.status?.podIP ?? '' };
  if (origin.kind === 'pod') {
    if (origin.pod.spec.hostNetwork) return allowedBy(engine, dst, 'Ingress', { ip: originIP(origin) }, port, protocol, dst);
    if (!allowedBy(engine, origin.pod, 'Egress', dstParty, port, protocol, dst)) return false;
  }
  const src: Party = origin.kind === 'pod' ? { pod: origin.pod, ip: originIP(origin) } : { ip: originIP(origin) };
  if (dst.spec.hostNetwork) return true;
  return allowedBy(engine, dst, 'Ingress', src, port, protocol, dst);
}
