// In-memory persistence (Node, tests): the same delta protocol as IndexedDB.
import type { KubeObject } from '../api/meta.ts';
import type { EngineDump } from '../engine.ts';
import type { PersistDelta, PersistenceAdapter } from './adapter.ts';

export class MemoryPersistence implements PersistenceAdapter {
  private meta: PersistDelta['meta'] | undefined;
  private objects = new Map<string, { resource: string; object: KubeObject }>();
  private records = new Map<string, unknown>();

  async load(): Promise<EngineDump | undefined> {
    if (!this.meta) return undefined;
    const { resourceVersion, ...meta } = this.meta;
    return structuredClone({ ...meta, store: { resourceVersion, objects: [...this.objects.values()], records: [...this.records] } });
  }

  async save(delta: PersistDelta): Promise<void> {
    if (delta.full) {
      this.objects.clear();
      this.records.clear();
    }
    this.meta = structuredClone(delta.meta);
    for (const [k, v] of delta.objects) {
      if (v.object === null) this.objects.delete(k);
      else this.objects.set(k, structuredClone({ resource: v.resource, object: v.object }));
    }
    for (const [k, v] of delta.records) {
      if (v === null) this.records.delete(k);
      else this.records.set(k, structuredClone(v));
    }
  }

  async clear(): Promise<void> {
    this.meta = undefined;
    this.objects.clear();
    this.records.clear();
  }
}
