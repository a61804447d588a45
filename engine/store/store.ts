// The object store (etcd's role): objects by resource, namespace and name; one global
// resourceVersion counter; synchronous watch fan-out at commit time (so every component sees
// its own writes within the same step); plus simulation-private records (machine snapshots,
// backoffs, logs) that never appear in the API. Stored objects are frozen: change a copy.
import type { KubeObject } from '../api/meta.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  resource: string; // "pods", "deployments.apps"
  object: KubeObject;
  /** For MODIFIED: the object before the change. */
  old?: KubeObject;
}

export type WatchHandler = (e: WatchEvent) => void;

export interface StoreDump {
  resourceVersion: number;
  objects: { resource: string; object: KubeObject }[];
  records: [string, unknown][];
}

/** What changed since the last `takeDirty()`: for persistence and change batches. */
export interface DirtySet {
  objects: Map<string, { resource: string; object: KubeObject | null }>; // null = deleted
  records: Map<string, unknown | null>;
}

export function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null && !Object.isFrozen(o)) freezeTree(o);
  return o;
}

/** Freezes an unfrozen object and every unfrozen object under it (frozen subtrees are shared, so skipped). */
function freezeTree(o: object): void {
  Object.freeze(o);
  if (Array.isArray(o)) {
    // Indexed, not for-of: this recursion is not always optimised, and an iterator per array is garbage.
    for (let i = 0; i < o.length; i++) {
      const v: unknown = o[i];
      if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) freezeTree(v);
    }
    return;
  }
  // for-in, not Object.values: no array per object. Store objects are plain data (no inherited keys).
  for (const k in o) {
    const v = (o as Record<string, unknown>)[k];
    if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) freezeTree(v);
  }
}

/**
 * One stored object's place. A write replaces `object` in place, so the write order of keys
 * stays as a flat map's would. No "ns/name" key string is kept: index buckets hold slots, and
 * only a dirty list being taken needs the key (a string per Event was ~90 bytes per object).
 */
interface Slot {
  readonly resource: string;
  /** '' for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** null once removed (a dirty set may still hold the slot). */
  object: KubeObject | null;
  /** The dirty generation this slot was last listed in (see Store.dirtySlots). */
  dirty: number;
  /** By index position (StoreIndex.pos): the values this object is indexed under, and from what. */
  indexed: (Indexed | undefined)[] | undefined;
}

/**
 * The objects of one resource: in creation order (iteration, dumps) and by namespace then name
 * (lookups). The order is an array of slots, removed ones nulled out and compacted away later:
 * a second map keyed by "ns/name" cost a fresh key's hash and an insert into a map of every
 * Event on each create.
 */
interface Table {
  /** Changes with every write to the table (Store.version). */
  stamp: number;
  slots: Slot[];
  /** Removed slots still in `slots`. */
  removed: number;
  readonly byNamespace: Map<string, Map<string, Slot>>;
}

/**
 * One simulation record's place, as a Slot is an object's: an update writes `value` and lists
 * the slot as dirty, one map lookup where a map of records and a map of dirty records took two.
 */
interface RecordSlot {
  readonly key: string;
  /** null once deleted (the dirty list may still hold the slot). */
  value: unknown;
  dirty: number;
}

function newTable(): Table {
  return { stamp: 0, slots: [], removed: 0, byNamespace: new Map() };
}

/** The live slots of a table, in creation order. */
function* liveSlots(t: Table | undefined): Generator<Slot> {
  if (!t) return;
  for (const s of t.slots) if (s.object) yield s;
}

export class Store {
  private rv = 0;
  /** Source of table stamps: never reset, so a stamp is never reused, even across loads. */
  private stamps = 0;
  private readonly tables = new Map<string, Table>();
  private readonly records = new Map<string, RecordSlot>();
  /**
   * Replaced, never changed in place, when a watch starts or stops: every write walks it, and
   * an array walk needs no iterator. A watch stopped during a write is skipped from then on.
   */
  private watchers: Watcher[] = [];
  /**
   * Slots written since the last takeDirty(), each once, in first-write order: a slot is listed
   * when its `dirty` mark is not the current generation. (A Map keyed by slot did the same at
   * a hash insert per write, into a map that grows by one entry per Event.)
   */
  private dirtySlots: Slot[] = [];
  private dirtyGeneration = 1;
  /** Record slots written or deleted since the last takeDirty(), as dirtySlots. */
  private dirtyRecords: RecordSlot[] = [];
  /** Secondary indexes (informer-style, derived, rebuilt on load): resource -> index name -> index. */
  private readonly indexes = new Map<string, Map<string, StoreIndex>>();

  resourceVersion(): number {
    return this.rv;
  }

  /**
   * A number that changes whenever an object of `resource` is written or removed (or the store
   * is loaded): what a cache derived from one resource's objects checks before it is reused.
   */
  version(resource: string): number {
    return this.tables.get(resource)?.stamp ?? 0;
  }

  nextResourceVersion(): string {
    this.rv += 1;
    return String(this.rv);
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const slot = this.tables.get(resource)?.byNamespace.get(namespace ?? '')?.get(name);
    return slot ? slot.object! : undefined;
  }

  /** All objects of a resource, optionally in one namespace, in name order (as etcd lists keys). */
  list(resource: string, namespace?: string): KubeObject[] {
    const t = this.tables.get(resource);
    if (!t) return [];
    const out: KubeObject[] = [];
    if (namespace === undefined) {
      for (const s of t.slots) if (s.object) out.push(s.object);
    } else for (const s of t.byNamespace.get(namespace)?.values() ?? []) out.push(s.object!);
    out.sort((a, b) => compareKeys(a, b));
    return out;
  }

  /** Count without sorting or copying. */
  count(resource: string): number {
    const t = this.tables.get(resource);
    return t ? t.slots.length - t.removed : 0;
  }

  resources(): string[] {
    return [...this.tables.keys()];
  }

  /** Writes an object (assigning the next resourceVersion) and notifies watchers. */
  put(resource: string, object: KubeObject): KubeObject {
    return this.commit(resource, { ...object, metadata: { ...object.metadata, resourceVersion: this.nextResourceVersion() } })!;
  }

  /**
   * Like put, for an object built for this write and handed over (the API server's own copy):
   * its top level and metadata are stamped and frozen in place instead of copied again.
   */
  putFresh(resource: string, object: KubeObject): KubeObject {
    object.metadata.resourceVersion = this.nextResourceVersion();
    return this.commit(resource, object)!;
  }

  /**
   * putFresh for a create: nothing is written (and no resourceVersion used) when the name is
   * taken, and undefined returned. One lookup in what may be a table of 50,000 Events, not a
   * get before the put.
   */
  createFresh(resource: string, object: KubeObject): KubeObject | undefined {
    return this.commit(resource, object, true);
  }

  private commit(resource: string, object: KubeObject, create = false): KubeObject | undefined {
    let t = this.tables.get(resource);
    if (!t) this.tables.set(resource, (t = newTable()));
    t.stamp = ++this.stamps;
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name!;
    let inNs = t.byNamespace.get(namespace);
    if (!inNs) t.byNamespace.set(namespace, (inNs = new Map()));
    let slot = inNs.get(name);
    if (create) {
      if (slot) return undefined;
      object.metadata.resourceVersion = this.nextResourceVersion();
    }
    const stored = deepFreeze(object);
    let old: KubeObject | undefined;
    if (slot) {
      old = slot.object!;
      slot.object = stored;
    } else {
      slot = { resource, namespace, name, object: stored, dirty: 0, indexed: undefined };
      inNs.set(name, slot);
      t.slots.push(slot);
    }
    this.reindex(resource, slot, old, stored);
    this.markDirty(slot);
    this.emit(old ? { type: 'MODIFIED', resource, object: stored, old } : { type: 'ADDED', resource, object: stored });
    return stored;
  }

  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const t = this.tables.get(resource);
    const inNs = t?.byNamespace.get(namespace ?? '');
    const slot = inNs?.get(name);
    if (!t || !inNs || !slot) return undefined;
    t.stamp = ++this.stamps;
    const old = slot.object!;
    inNs.delete(name);
    if (inNs.size === 0) t.byNamespace.delete(namespace ?? '');
    slot.object = null;
    if (++t.removed > 64 && t.removed * 2 > t.slots.length) {
      t.slots = t.slots.filter((x) => x.object);
      t.removed = 0;
    }
    this.reindex(resource, slot, old, undefined);
    // A deleted object carries a fresh resourceVersion in its DELETED event, as etcd does.
    const last = deepFreeze({ ...old, metadata: { ...old.metadata, resourceVersion: this.nextResourceVersion() } });
    this.markDirty(slot);
    this.emit({ type: 'DELETED', resource, object: last });
    return last;
  }

  // Secondary indexes ---------------------------------------------------------------------

  /**
   * Adds an index over one resource (like an informer's indexer: `byIndex('pods', 'node', 'w1')`).
   * `fn` returns the index values of an object. Adding an existing name is a no-op.
   */
  addIndex(resource: string, name: string, fn: (o: KubeObject) => string[], inputOf?: (o: KubeObject) => unknown): void {
    let byName = this.indexes.get(resource);
    if (!byName) this.indexes.set(resource, (byName = new Map()));
    if (byName.has(name)) return;
    const idx: StoreIndex = { fn, inputOf, pos: byName.size, values: new Map() };
    byName.set(name, idx);
    for (const slot of liveSlots(this.tables.get(resource))) indexAdd(idx, slot, slot.object!);
  }

  hasIndex(resource: string, name: string): boolean {
    return this.indexes.get(resource)?.has(name) ?? false;
  }

  /** Objects whose index `name` contains `value`, in no particular order (sort if order matters). */
  byIndex(resource: string, name: string, value: string): KubeObject[] {
    const idx = this.indexes.get(resource)?.get(name);
    if (!idx) throw new Error(`store: no index ${name} on ${resource}`);
    const hits = idx.values.get(value);
    if (!hits) return [];
    const out: KubeObject[] = [];
    for (const slot of hits) out.push(slot.object!);
    return out;
  }

  private reindex(resource: string, slot: Slot, old: KubeObject | undefined, next: KubeObject | undefined): void {
    const byName = this.indexes.get(resource);
    if (!byName) return;
    for (const idx of byName.values()) {
      if (old && next) indexUpdate(idx, slot, next);
      else if (old) indexRemove(idx, slot);
      else if (next) indexAdd(idx, slot, next);
    }
  }

  watch(handler: WatchHandler, resource?: string): () => void {
    const w: Watcher = { resource, handler, active: true };
    this.watchers = [...this.watchers, w];
    return () => {
      if (!w.active) return;
      w.active = false;
      this.watchers = this.watchers.filter((x) => x !== w);
    };
  }

  private emit(e: WatchEvent): void {
    const ws = this.watchers;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      if (w.active && (w.resource === undefined || w.resource === e.resource)) w.handler(e);
    }
  }

  // Simulation-private records ------------------------------------------------------------

  getRecord<T>(key: string): T | undefined {
    return this.records.get(key)?.value as T | undefined;
  }

  setRecord(key: string, value: unknown): void {
    let slot = this.records.get(key);
    if (slot) slot.value = value;
    else this.records.set(key, (slot = { key, value, dirty: 0 }));
    this.markRecordDirty(slot);
  }

  deleteRecord(key: string): void {
    const slot = this.records.get(key);
    if (!slot) return;
    this.records.delete(key);
    slot.value = null;
    this.markRecordDirty(slot);
  }

  recordsWithPrefix(prefix: string): [string, unknown][] {
    const out: [string, unknown][] = [];
    for (const [k, slot] of this.records) if (k.startsWith(prefix)) out.push([k, slot.value]);
    return out;
  }

  // Persistence ------------------------------------------------------------------------------

  takeDirty(): DirtySet {
    const objects: DirtySet['objects'] = new Map();
    for (const slot of this.dirtySlots) objects.set(`${slot.resource}|${slot.namespace}/${slot.name}`, { resource: slot.resource, object: slot.object });
    // In write order: a record deleted and set again is listed twice, the later slot last.
    const records: DirtySet['records'] = new Map();
    for (const slot of this.dirtyRecords) records.set(slot.key, slot.value);
    const d: DirtySet = { objects, records };
    this.clearDirty();
    return d;
  }

  private markDirty(slot: Slot): void {
    if (slot.dirty === this.dirtyGeneration) return;
    slot.dirty = this.dirtyGeneration;
    this.dirtySlots.push(slot);
  }

  private markRecordDirty(slot: RecordSlot): void {
    if (slot.dirty === this.dirtyGeneration) return;
    slot.dirty = this.dirtyGeneration;
    this.dirtyRecords.push(slot);
  }

  private clearDirty(): void {
    this.dirtySlots = [];
    this.dirtyRecords = [];
    this.dirtyGeneration++;
  }

  dump(): StoreDump {
    const objects: StoreDump['objects'] = [];
    for (const [resource, t] of this.tables) for (const s of liveSlots(t)) objects.push({ resource, object: s.object! });
    const records: StoreDump['records'] = [];
    for (const [k, slot] of this.records) records.push([k, slot.value]);
    return { resourceVersion: this.rv, objects, records };
  }

  /** Loads a dump without notifying watchers (components resync after a restore). */
  load(d: StoreDump): void {
    this.tables.clear();
    this.records.clear();
    this.rv = d.resourceVersion;
    for (const { resource, object } of d.objects) {
      let t = this.tables.get(resource);
      if (!t) this.tables.set(resource, (t = newTable()));
      t.stamp = ++this.stamps;
      const namespace = object.metadata.namespace ?? '';
      let inNs = t.byNamespace.get(namespace);
      if (!inNs) t.byNamespace.set(namespace, (inNs = new Map()));
      const slot: Slot = { resource, namespace, name: object.metadata.name!, object: deepFreeze(object), dirty: 0, indexed: undefined };
      const prev = inNs.get(object.metadata.name!);
      if (prev) prev.object = slot.object;
      else {
        inNs.set(object.metadata.name!, slot);
        t.slots.push(slot);
      }
    }
    for (const [key, value] of d.records) this.records.set(key, { key, value, dirty: 0 });
    this.clearDirty();
    for (const [resource, byName] of this.indexes)
      for (const idx of byName.values()) {
        idx.values.clear();
        for (const slot of liveSlots(this.tables.get(resource))) indexAdd(idx, slot, slot.object!);
      }
  }
}

interface Watcher {
  /** undefined: every resource. */
  resource: string | undefined;
  handler: WatchHandler;
  active: boolean;
}

interface StoreIndex {
  fn: (o: KubeObject) => string[];
  /**
   * What `fn` reads (a frozen part of the object, compared by identity): a write that keeps it
   * keeps the values, and `fn` is not run again. Most writes are status writes that share the
   * rest of the object.
   */
  inputOf: ((o: KubeObject) => unknown) | undefined;
  /** This index's place among its resource's indexes: where slots keep what it indexed them under. */
  pos: number;
  /**
   * Value -> the slots indexed under it. A bucket holds slots, not objects: a write that
   * keeps an object's values (most writes) touches no bucket, the slot already has the new object.
   */
  values: Map<string, Set<Slot>>;
}

interface Indexed {
  values: string[];
  input: unknown;
}

function indexAdd(idx: StoreIndex, slot: Slot, o: KubeObject, values = idx.fn(o)): void {
  (slot.indexed ??= [])[idx.pos] = { values, input: idx.inputOf?.(o) };
  for (const v of values) {
    let m = idx.values.get(v);
    if (!m) idx.values.set(v, (m = new Set()));
    m.add(slot);
  }
}

/** Remove then add, unless the values did not change (most writes): then nothing moves. */
function indexUpdate(idx: StoreIndex, slot: Slot, o: KubeObject): void {
  const prev = slot.indexed?.[idx.pos];
  const input = idx.inputOf?.(o);
  if (prev && idx.inputOf && prev.input === input && Object.isFrozen(input)) return;
  const values = idx.fn(o);
  if (prev && sameValues(prev.values, values)) {
    prev.input = input;
    return;
  }
  indexRemove(idx, slot);
  indexAdd(idx, slot, o, values);
}

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function indexRemove(idx: StoreIndex, slot: Slot): void {
  const prev = slot.indexed?.[idx.pos];
  if (!prev) return;
  slot.indexed![idx.pos] = undefined;
  for (const v of prev.values) {
    const m = idx.values.get(v);
    if (!m) continue;
    m.delete(slot);
    if (m.size === 0) idx.values.delete(v);
  }
}

function compareKeys(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name ?? '';
  const b1 = b.metadata.name ?? '';
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}
