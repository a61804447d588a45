// Where a cluster is kept between page loads. The engine writes one delta per work-loop
// batch (one transaction), so a crash loses at most the last unflushed step and never leaves
// a half-written cluster. IndexedDB in the browser (idb.ts), memory in Node (memory.ts).
import type { KubeObject } from '../api/meta.ts';
import type { EngineDump } from '../engine.ts';

export interface PersistDelta {
  meta: Omit<EngineDump, 'store'> & { resourceVersion: number };
  /** Object upserts (object set) and deletions (object null), keyed `resource|ns/name`. */
  objects: [string, { resource: string; object: KubeObject | null }][];
  /** Sim-record upserts and deletions (value null). */
  records: [string, unknown | null][];
  /** True when this delta replaces everything (first save of a new cluster). */
  full: boolean;
}

export interface PersistenceAdapter {
  load(): Promise<EngineDump | undefined>;
  save(delta: PersistDelta): Promise<void>;
  clear(): Promise<void>;
}
