// Opening a TCP connection in the emulated network. A destination IP is, in order: the
// caller's own loopback, a port-forward on the learner's localhost, a Service VIP or a
// NodePort (DNATed by the kube-proxy rules of the node the packet enters: the caller's node,
// or the node addressed), a LoadBalancer IP (the cloud balancer hands it to a node), or a pod
// IP. Among a Service's endpoints one is chosen at random, as iptables' statistic match does;
// sessionAffinity ClientIP pins a client to its first choice. NetworkPolicy applies to the
// pod the packet finally reaches; a dropped packet times out, a closed port refuses.
import type { Container, Node, Pod } from '../api/core-v1.ts';
import type { Engine } from '../engine.ts';
import { networkAllows } from './network-policy.ts';
import { originIP, originNode, type Origin } from './origin.ts';
import { readRules } from './kube-proxy.ts';
import { nodePortKey, vipKey, type ProxyEndpoint, type ServiceRule } from './proxy-rules.ts';
import { serverFor, type Server } from './servers.ts';
import { forwardFor } from './port-forward.ts';
import { isIngressAddress } from './ingress-route.ts';

export interface Target {
  pod: Pod;
  container: Container;
  server: Server;
  port: number;
  /** `ns/name` of the Service the connection went through, if any. */
  service?: string;
}

export type DialResult =
  | { ok: true; target: Target; clientIP: string }
  | { ok: true; ingress: true; clientIP: string }
  | { ok: false; error: 'refused' | 'timeout' };

/** Virtual time a connect() waits before giving up when packets are dropped (Linux SYN retries ≈ 130 s). */
export const CONNECT_TIMEOUT_MS = 130_000;

function nodeIPs(engine: Engine): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of engine.store.list('nodes') as Node[]) {
    const ip = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    if (ip) out.set(ip, n.metadata.name!);
  }
  return out;
}

export function podByIP(engine: Engine, ip: string): Pod | undefined {
  return (engine.store.list('pods') as Pod[]).find((p) => p.status?.podIP === ip && !p.spec.hostNetwork && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

function listening(pod: Pod, port: number): { container: Container; server: Server } | undefined {
  for (const c of pod.spec.containers) {
    const running = pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running;
    if (!running) continue;
    const server = serverFor(c.image, [...(c.command ?? []), ...(c.args ?? [])].filter((a) => !a.startsWith('/')));
    if (server?.ports.includes(port)) return { container: c, server };
  }
  return undefined;
}

const affinityKey = (node: string) => `kube-proxy/affinity/${node}`;

function choose(engine: Engine, node: string, rule: ServiceRule, clientIP: string): ProxyEndpoint | undefined {
  if (rule.endpoints.length === 0) return undefined;
  if (rule.affinitySeconds !== undefined) {
    const rec = engine.store.getRecord<Record<string, { ip: string; until: number }>>(affinityKey(node)) ?? {};
    const k = `${rule.service}/${rule.portName}/${clientIP}`;
    const pinned = rec[k];
    const now = engine.clock.now();
    const hit = pinned && pinned.until > now ? rule.endpoints.find((e) => e.ip === pinned.ip) : undefined;
    const ep = hit ?? rule.endpoints[engine.rng.int(rule.endpoints.length)]!;
    engine.store.setRecord(affinityKey(node), { ...rec, [k]: { ip: ep.ip, until: now + rule.affinitySeconds * 1000 } });
    return ep;
  }
  return rule.endpoints[engine.rng.int(rule.endpoints.length)];
}

export function toPod(engine: Engine, origin: Origin, pod: Pod | undefined, port: number, service?: string): DialResult {
  if (!pod) return { ok: false, error: 'timeout' };
  if (!networkAllows(engine, origin, pod, port)) return { ok: false, error: 'timeout' };
  const l = listening(pod, port);
  if (!l) return { ok: false, error: 'refused' };
  return { ok: true, target: { pod, container: l.container, server: l.server, port, ...(service ? { service } : {}) }, clientIP: originIP(origin) };
}

function viaRule(engine: Engine, origin: Origin, node: string, rule: ServiceRule | undefined): DialResult | undefined {
  if (!rule) return undefined;
  // kube-proxy REJECTs traffic to a Service without endpoints.
  const ep = choose(engine, node, rule, originIP(origin));
  if (!ep) return { ok: false, error: 'refused' };
  return toPod(engine, origin, podByIP(engine, ep.ip), ep.port, rule.service);
}

export function dial(engine: Engine, origin: Origin, ip: string, port: number): DialResult {
  if (ip === '127.0.0.1' || ip === 'localhost') {
    if (origin.kind === 'pod') {
      const l = listening(origin.pod, port);
      return l ? { ok: true, target: { pod: origin.pod, container: l.container, server: l.server, port }, clientIP: '127.0.0.1' } : { ok: false, error: 'refused' };
    }
    const fwd = forwardFor(engine, port);
    if (fwd) {
      const pod = engine.store.get('pods', fwd.namespace, fwd.pod) as Pod | undefined;
      const l = pod && listening(pod, fwd.remotePort);
      if (!pod || !l) return { ok: false, error: 'refused' };
      fwd.onConnection();
      return { ok: true, target: { pod, container: l.container, server: l.server, port: fwd.remotePort }, clientIP: '127.0.0.1' };
    }
    if (isIngressAddress(engine, 'localhost', port)) return { ok: true, ingress: true, clientIP: '172.18.0.1' };
    return { ok: false, error: 'refused' };
  }
  const nodes = nodeIPs(engine);
  const entry = originNode(origin);
  if (entry) {
    const r = viaRule(engine, origin, entry, readRules(engine, entry)?.vips[vipKey(ip, port)]);
    if (r) return r;
  }
  const nodeName = nodes.get(ip);
  if (nodeName) {
    if (isIngressAddress(engine, ip, port)) return { ok: true, ingress: true, clientIP: originIP(origin) };
    const r = viaRule(engine, origin, nodeName, readRules(engine, nodeName)?.nodePorts[nodePortKey(port)]);
    return r ?? { ok: false, error: 'refused' };
  }
  if (!entry) {
    // From outside the cluster: only LoadBalancer IPs route (to the first node that has a rule).
    for (const n of [...nodes.values()].sort()) {
      const rule = readRules(engine, n)?.vips[vipKey(ip, port)];
      if (rule) return viaRule(engine, origin, n, rule)!;
    }
    return { ok: false, error: 'timeout' };
  }
  return toPod(engine, origin, podByIP(engine, ip), port);
}
