// A bounded least-recently-used list, as client-go's event caches use (groupcache's lru.Cache):
// a touched entry becomes the most recent; adding past the capacity drops the least recent.
// Entries are found through whatever their owner keeps them in (maps keyed by strings already at
// hand, whose hashes V8 caches); the list only orders them: a touch relinks a few pointers and
// writes no map, where a Map used as an LRU deletes and re-inserts its key on every touch.

export interface LruEntry<V, O> {
  value: V;
  prev: LruEntry<V, O> | null;
  next: LruEntry<V, O> | null;
  /** Who keeps the entry, and under what key: `evict` removes it from there. */
  owner: O;
  key: string;
}

export class LruList<V, O> {
  private head: LruEntry<V, O> | null = null;
  private tail: LruEntry<V, O> | null = null;
  private count = 0;

  /** evict: removes the least recent entry from its owner when the list is over capacity. */
  constructor(readonly capacity: number, private readonly evict: (e: LruEntry<V, O>) => void) {}

  get size(): number {
    return this.count;
  }

  /** A new most recent entry, for its owner to keep. The list may be over capacity until trim(). */
  add(owner: O, key: string, value: V): LruEntry<V, O> {
    const e: LruEntry<V, O> = { value, prev: this.tail, next: null, owner, key };
    if (this.tail) this.tail.next = e;
    else this.head = e;
    this.tail = e;
    this.count++;
    return e;
  }

  /**
   * Evicts the least recent entries past the capacity. Called once the owner keeps what it
   * added: an owner left empty by an eviction in between would be dropped with it.
   */
  trim(): void {
    while (this.count > this.capacity) {
      const old = this.head!;
      this.unlink(old);
      this.evict(old);
    }
  }

  /** Makes an entry the most recent. */
  touch(e: LruEntry<V, O>): void {
    if (e === this.tail) return;
    this.unlink(e);
    e.prev = this.tail;
    e.next = null;
    this.tail!.next = e;
    this.tail = e;
    this.count++;
  }

  /** Forgets every entry (their owners are dropped by the caller). */
  clear(): void {
    this.head = this.tail = null;
    this.count = 0;
  }

  private unlink(e: LruEntry<V, O>): void {
    if (e.prev) e.prev.next = e.next;
    else this.head = e.next;
    if (e.next) e.next.prev = e.prev;
    else this.tail = e.prev;
    this.count--;
  }
}
