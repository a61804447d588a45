// A binary min-heap of timers ordered by (due, seq): O(log n) inserts where a sorted array
// costs O(n) per insert once thousands of pods each hold a timer. Timers come in several
// shapes (optional event, recurring), so the heap compares small uniform entries instead.
import type { Timer } from './clock.ts';

class Entry {
  constructor(
    readonly due: number,
    readonly seq: number,
    readonly timer: Timer,
  ) {}
}

function before(a: Entry, b: Entry): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export class TimerHeap {
  private items: Entry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Timer | undefined {
    return this.items[0]?.timer;
  }

  push(t: Timer): void {
    const a = this.items;
    const e = new Entry(t.due, t.seq, t);
    let i = a.length;
    a.push(e);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      if (!before(e, a[parent]!)) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = e;
  }

  pop(): Timer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top?.timer;
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
    return top.timer;
  }

  /** Visits every timer, in no particular order (no list built). */
  forEach(visit: (t: Timer) => void): void {
    for (const e of this.items) visit(e.timer);
  }

  /** Every timer, in no particular order. */
  all(): Timer[] {
    return this.items.map((e) => e.timer);
  }

  /** Keeps only the timers `keep` accepts (a rebuild, for compaction). */
  retain(keep: (t: Timer) => boolean): void {
    const kept = this.items.filter((e) => keep(e.timer));
    this.items = [];
    for (const e of kept) this.push(e.timer);
  }
}
