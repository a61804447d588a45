// A bounded least-recently-used map, as client-go's event caches use (groupcache's lru.Cache):
// get and set make an entry the most recent; a set past the capacity drops the least recent.

export class Lru<V> {
  private readonly map = new Map<string, V>();
  /**
   * A live iterator over `map`, always at its oldest entry: every entry before it was evicted
   * through it, and a touched entry is re-inserted at the end. A fresh keys().next() per eviction
   * would walk over the holes deletions leave at the front of the Map's table, O(n) each time.
   */
  private oldest = this.map.keys();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: V): void {
    if (this.map.has(key)) this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.oldest.next().value!);
  }

  clear(): void {
    this.map.clear();
    this.oldest = this.map.keys();
  }
}
