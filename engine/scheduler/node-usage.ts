// The scheduler cache (pkg/scheduler/backend/cache): what each node's bound pods request, the
// host ports they hold, pods per owning controller per node (for the default spreading), and
// the bound pods with required anti-affinity. Kept current from the pod watch
// and rebuilt from the store on (re)start. Derived data only, never persisted.
import type { Pod } from '../api/core-v1.ts';
import type { Store } from '../store/store.ts';
import { hasRequiredAntiAffinity } from './plugins/inter-pod-affinity.ts';
import { hostPorts } from './plugins/node-ports.ts';
import { emptyResources, holdsResources, podNonZeroRequests, podRequests, type Resources } from './resources.ts';

/**
 * One node's usage. The object lives as long as the cache generation and its fields are updated
 * in place, so a NodeInfo built on it stays current without copies.
 */
export interface Usage {
  requested: Resources;
  nz: { cpu: number; memory: number };
  /** Host ports in use ("protocol/ip/port"), with how many pods hold each. */
  ports: Map<string, number>;
  /** The keys of `ports`, kept as a live set for NodePorts. */
  portSet: Set<string>;
}

interface Counted {
  node: string;
  req: Resources;
  nz: { cpu: number; memory: number };
  owner: string | undefined;
  ports: string[];
}

const EMPTY_COUNTS: ReadonlyMap<string, number> = new Map();

export class NodeUsage {
  private readonly byNode = new Map<string, Usage>();
  private readonly counted = new Map<string, Counted>();
  private readonly owners = new Map<string, Map<string, number>>();
  readonly antiAffinity = new Map<string, Pod>();
  /** Bumped by rebuild(): Usage objects of an older generation are no longer updated. */
  generation = 0;
  /** Told of every change of an owner's per-node count (the current snapshot keeps arrays by node index). */
  ownerListener: ((owner: string, node: string, delta: number) => void) | undefined;
  /** Told of every change of a node's requests (the current snapshot keeps them as columns). */
  requestListener: ((node: string, req: Resources, nz: { cpu: number; memory: number }, sign: 1 | -1) => void) | undefined;

  constructor(private readonly store: Store) {}

  rebuild(): void {
    this.generation++;
    this.byNode.clear();
    this.counted.clear();
    this.owners.clear();
    this.antiAffinity.clear();
    for (const p of this.store.list('pods') as Pod[]) this.apply(p, true);
  }

  /** Applies the latest state of a pod (present = still stored). */
  apply(p: Pod, present: boolean): void {
    const uid = p.metadata.uid!;
    const prev = this.counted.get(uid);
    const holds = present && !!p.spec?.nodeName && holdsResources(p);
    if (holds && hasRequiredAntiAffinity(p)) this.antiAffinity.set(uid, p);
    else if (this.antiAffinity.size) this.antiAffinity.delete(uid);
    if (prev && holds && prev.node === p.spec.nodeName) return;
    if (prev) {
      this.add(prev, -1);
      this.counted.delete(uid);
    }
    if (holds) {
      const owner = p.metadata.ownerReferences?.find((r) => r.controller)?.uid;
      const c: Counted = { node: p.spec.nodeName!, req: podRequests(p), nz: podNonZeroRequests(p), ports: hostPorts(p), owner };
      this.counted.set(uid, c);
      this.add(c, 1);
    }
  }

  /** The node's usage record, created empty if no pod holds the node yet. */
  of(node: string): Usage {
    let u = this.byNode.get(node);
    if (!u) this.byNode.set(node, (u = { requested: emptyResources(), nz: { cpu: 0, memory: 0 }, ports: new Map(), portSet: new Set() }));
    return u;
  }

  private add(c: Counted, sign: 1 | -1): void {
    const u = this.of(c.node);
    for (const k in c.req) u.requested[k] = (u.requested[k] ?? 0) + sign * c.req[k]!;
    u.nz.cpu += sign * c.nz.cpu;
    u.nz.memory += sign * c.nz.memory;
    this.requestListener?.(c.node, c.req, c.nz, sign);
    for (const port of c.ports) {
      const n = (u.ports.get(port) ?? 0) + sign;
      if (n > 0) {
        u.ports.set(port, n);
        u.portSet.add(port);
      } else {
        u.ports.delete(port);
        u.portSet.delete(port);
      }
    }
    if (c.owner) {
      bump(this.owners, c.owner, c.node, sign);
      this.ownerListener?.(c.owner, c.node, sign);
    }
  }

  ownerCount(owner: string, node: string): number {
    return this.owners.get(owner)?.get(node) ?? 0;
  }

  /** Nodes holding pods of an owner, with how many (the spreading's counts without visiting every node). */
  ownerNodes(owner: string): ReadonlyMap<string, number> {
    return this.owners.get(owner) ?? EMPTY_COUNTS;
  }

}

function bump(m: Map<string, Map<string, number>>, outer: string, inner: string, by: number): void {
  let counts = m.get(outer);
  if (!counts) m.set(outer, (counts = new Map()));
  const n = (counts.get(inner) ?? 0) + by;
  if (n > 0) counts.set(inner, n);
  else counts.delete(inner);
}
