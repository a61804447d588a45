// host-local IPAM as kindnet configures it: each node hands out pod IPs from its podCIDR
// sequentially (.1 is the gateway), skipping addresses still in use and wrapping around.
// State is a sim record per node, so allocation survives persistence.
import type { Store } from '../store/store.ts';

interface IpamRecord {
  last: number;
  /**
   * Pod uid by host number (.2 ... .254 of the node's /24), '' when free. An array rather than an
   * ip -> uid object: every allocation copies it, and a hundred-key object is a slow dictionary.
   */
  owners: string[];
}

/** The shape written before `owners`: ip -> pod uid (a restored older cluster still has it). */
interface LegacyIpamRecord {
  last: number;
  used: Record<string, string>;
}

const HOSTS = 255;
const recordKey = (node: string) => `kubelet/ipam/${node}`;

function read(store: Store, node: string): IpamRecord | undefined {
  const rec = store.getRecord<IpamRecord | LegacyIpamRecord>(recordKey(node));
  if (!rec || 'owners' in rec) return rec;
  const owners = new Array<string>(HOSTS).fill('');
  for (const ip in rec.used) owners[Number(ip.slice(ip.lastIndexOf('.') + 1))] = rec.used[ip]!;
  return { last: rec.last, owners };
}

export function allocateIP(store: Store, node: string, podCIDR: string | undefined, uid: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.0\/24$/.exec(podCIDR ?? '');
  if (!m) return undefined;
  const prefix = `${m[1]}.${m[2]}.${m[3]}.`;
  const rec = read(store, node) ?? { last: 1, owners: new Array<string>(HOSTS).fill('') };
  const mine = rec.owners.indexOf(uid);
  if (mine >= 0) return prefix + mine;
  for (let i = 0; i < 253; i++) {
    const n = ((rec.last - 1 + i) % 253) + 2; // .2 ... .254
    if (rec.owners[n]) continue;
    // A new record: the stored one is never changed in place.
    const owners = rec.owners.slice();
    owners[n] = uid;
    store.setRecord(recordKey(node), { last: n, owners } satisfies IpamRecord);
    return prefix + n;
  }
  return undefined;
}

export function releaseIP(store: Store, node: string, uid: string): void {
  const rec = read(store, node);
  if (!rec) return;
  const owners = rec.owners.map((o) => (o === uid ? '' : o));
  store.setRecord(recordKey(node), { last: rec.last, owners } satisfies IpamRecord);
}
