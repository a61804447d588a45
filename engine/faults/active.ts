// Which faults are injected right now: a sim-private record (saved with the cluster, never in
// the API). Components consult it to misbehave as the fault says; clearing removes the entry.
import type { Store } from '../store/store.ts';

export interface ActiveFault {
  id: string;
  /** Node, pod (`ns/name`) or absent for cluster-wide faults. */
  target?: string;
  /** Virtual time of injection (ms). */
  since: number;
}

const KEY = 'faults/active';

export function activeFaults(store: Store): readonly ActiveFault[] {
  return store.getRecord<ActiveFault[]>(KEY) ?? [];
}

export function isActive(store: Store, id: string, target?: string): boolean {
  return activeFaults(store).some((f) => f.id === id && f.target === target);
}

export function activeSince(store: Store, id: string, target?: string): number | undefined {
  return activeFaults(store).find((f) => f.id === id && f.target === target)?.since;
}

export function markActive(store: Store, f: ActiveFault): void {
  const rest = activeFaults(store).filter((x) => !(x.id === f.id && x.target === f.target));
  store.setRecord(KEY, [...rest, f]);
}

export function markCleared(store: Store, id: string, target?: string): void {
  const rest = activeFaults(store).filter((x) => !(x.id === id && x.target === target));
  if (rest.length) store.setRecord(KEY, rest);
  else store.deleteRecord(KEY);
}

/** Node-level fault ids in force on a node (runtime down, partition, pressure...). */
export function nodeFaults(store: Store, node: string): ReadonlySet<string> {
  const out = new Set<string>();
  for (const f of activeFaults(store)) if (f.target === node) out.add(f.id);
  return out;
}
