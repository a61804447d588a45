// ClusterIP (10.96.0.0/12) and NodePort (30000-32767) allocation. The allocated set is derived
// from stored Services, so it survives dump/load and needs no release bookkeeping.
import type { Service } from '../../api/core-v1.ts';
import type { Rng } from '../../time/rng.ts';
import type { Store } from '../../store/store.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
const BASE = (10 << 24) | (96 << 16);
const SIZE = 1 << 20;
/** Addresses below this offset are kept for static assignment (ServiceIPStaticSubrange). */
const STATIC_BAND = 256;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
const NODE_PORT_STATIC_BAND = 86;

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function inServiceCIDR(ip: string): boolean {
  const n = ipToInt(ip);
  return n > BASE && n < BASE + SIZE - 1;
}

export function usedClusterIPs(store: Store, except?: string): Set<string> {
  const used = new Set<string>();
  for (const s of store.list('services') as Service[]) {
    if (except && s.metadata.uid === except) continue;
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) if (ip && ip !== 'None') used.add(ip);
  }
  return used;
}

export function allocateClusterIP(store: Store, rng: Rng): string {
  const used = usedClusterIPs(store);
  const span = SIZE - STATIC_BAND - 1;
  const start = rng.int(span);
  for (let i = 0; i < span; i++) {
    const ip = intToIp(BASE + STATIC_BAND + ((start + i) % span));
    if (!used.has(ip)) return ip;
  }
  throw new Error('range is full');
}

export function usedNodePorts(store: Store, exceptUid?: string): Set<number> {
  const used = new Set<number>();
  for (const s of store.list('services') as Service[]) {
    if (exceptUid && s.metadata.uid === exceptUid) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
    const hc = s.spec?.['healthCheckNodePort'] as number | undefined;
    if (hc) used.add(hc);
  }
  return used;
}

export function allocateNodePort(used: Set<number>, rng: Rng): number {
  const lo = NODE_PORT_MIN + NODE_PORT_STATIC_BAND;
  const span = NODE_PORT_MAX - lo + 1;
  const start = rng.int(span);
  for (let i = 0; i < span; i++) {
    const p = lo + ((start + i) % span);
    if (!used.has(p)) return p;
  }
  for (let p = NODE_PORT_MIN; p < lo; p++) if (!used.has(p)) return p;
  throw new Error('range is full');
}
