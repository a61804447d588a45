// A binary min-heap of timers ordered by (due, seq): O(log n) inserts where a sorted array
// costs O(n) per insert once thousands of pods each hold a timer.
import type { Timer } from './clock.ts';

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export class TimerHeap {
  private items: Timer[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Timer | undefined {
    return this.items[0];
  }

  push(t: Timer): void {
    const a = this.items;
    let i = a.length;
    a.push(t);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!before(t, a[parent]!)) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = t;
  }

  pop(): Timer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    let i = 0;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(a[r]!, a[l]!) ? r : l;
      if (!before(a[child]!, last)) break;
      a[i] = a[child]!;
      i = child;
    }
    a[i] = last;
    return top;
  }

  /** Every timer, in no particular order. */
  all(): readonly Timer[] {
    return this.items;
  }

  /** Keeps only the timers `keep` accepts (a rebuild, for compaction). */
  retain(keep: (t: Timer) => boolean): void {
    const kept = this.items.filter(keep);
    this.items = [];
    for (const t of kept) this.push(t);
  }
}
