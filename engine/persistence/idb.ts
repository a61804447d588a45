// IndexedDB persistence (the browser worker). The only file that touches IndexedDB.
// Layout: "objects" (key resource|ns/name), "records" (sim-private), "meta" (clock, rng...).
import { openDB, type IDBPDatabase } from 'idb';
import type { KubeObject } from '../api/meta.ts';
import { SCHEMA_VERSION, type EngineDump } from '../engine.ts';
import type { PersistDelta, PersistenceAdapter } from './adapter.ts';

const DB_NAME = 'kubeplay';
const DB_VERSION = 1;

export class IdbPersistence implements PersistenceAdapter {
  private db: Promise<IDBPDatabase>;

  constructor(name = DB_NAME) {
    this.db = openDB(name, DB_VERSION, {
      upgrade(db) {
        if (!db.objectStoreNames.contains('objects')) db.createObjectStore('objects');
        if (!db.objectStoreNames.contains('records')) db.createObjectStore('records');
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      },
    });
  }

  async load(): Promise<EngineDump | undefined> {
    const db = await this.db;
    const tx = db.transaction(['objects', 'records', 'meta'], 'readonly');
    const meta = (await tx.objectStore('meta').get('engine')) as PersistDelta['meta'] | undefined;
    if (!meta) return undefined;
    if (meta.schemaVersion !== SCHEMA_VERSION) return migrate(meta);
    const objects = (await tx.objectStore('objects').getAll()) as { resource: string; object: KubeObject }[];
    const keys = (await tx.objectStore('records').getAllKeys()) as string[];
    const values = await tx.objectStore('records').getAll();
    await tx.done;
    const { resourceVersion, ...rest } = meta;
    return { ...rest, store: { resourceVersion, objects, records: keys.map((k, i) => [k, values[i]]) } };
  }

  async save(delta: PersistDelta): Promise<void> {
    const db = await this.db;
    const tx = db.transaction(['objects', 'records', 'meta'], 'readwrite');
    const objects = tx.objectStore('objects');
    const records = tx.objectStore('records');
    if (delta.full) {
      void objects.clear();
      void records.clear();
    }
    for (const [k, v] of delta.objects) void (v.object === null ? objects.delete(k) : objects.put({ resource: v.resource, object: v.object }, k));
    for (const [k, v] of delta.records) void (v === null ? records.delete(k) : records.put(v, k));
    void tx.objectStore('meta').put(delta.meta, 'engine');
    await tx.done;
  }

  async clear(): Promise<void> {
    const db = await this.db;
    const tx = db.transaction(['objects', 'records', 'meta'], 'readwrite');
    void tx.objectStore('objects').clear();
    void tx.objectStore('records').clear();
    void tx.objectStore('meta').clear();
    await tx.done;
  }
}

/** Schema migrations by version. There is only version 1 so far: an unknown one starts fresh. */
function migrate(_meta: PersistDelta['meta']): undefined {
  return undefined;
}
