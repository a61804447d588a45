// host-local IPAM as kindnet configures it: each node hands out pod IPs from its podCIDR
// sequentially (.1 is the gateway), skipping addresses still in use and wrapping around.
// State is a sim record per node, so allocation survives persistence.
import type { Store } from '../store/store.ts';

interface IpamRecord {
  last: number;
  used: Record<string, string>; // ip -> pod uid
}

const recordKey = (node: string) => `kubelet/ipam/${node}`;

export function allocateIP(store: Store, node: string, podCIDR: string | undefined, uid: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.0\/24$/.exec(podCIDR ?? '');
  if (!m) return undefined;
  const prefix = `${m[1]}.${m[2]}.${m[3]}.`;
  const rec = store.getRecord<IpamRecord>(recordKey(node)) ?? { last: 1, used: {} };
  for (const ip in rec.used) if (rec.used[ip] === uid) return ip;
  for (let i = 0; i < 253; i++) {
    const n = ((rec.last - 1 + i) % 253) + 2; // .2 ... .254
    const ip = prefix + n;
    if (rec.used[ip]) continue;
    const used = copyUsed(rec.used, undefined);
    used[ip] = uid;
    store.setRecord(recordKey(node), { last: n, used });
    return ip;
  }
  return undefined;
}

export function releaseIP(store: Store, node: string, uid: string): void {
  const rec = store.getRecord<IpamRecord>(recordKey(node));
  if (!rec) return;
  store.setRecord(recordKey(node), { last: rec.last, used: copyUsed(rec.used, uid) });
}

/**
 * A copy of `used` without the addresses of `drop` (the stored record is never changed in place).
 * A plain loop: with a hundred addresses the object is a dictionary, which spread and delete copy
 * at twice the cost.
 */
function copyUsed(used: Record<string, string>, drop: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ip in used) if (used[ip] !== drop) out[ip] = used[ip]!;
  return out;
}
