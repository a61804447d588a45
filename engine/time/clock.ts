// Virtual time. The engine never reads the wall clock: `now` only moves when the work loop
// advances it. Timers are plain records (persisted with the store) fired in (due, seq) order.
import { TimerHeap } from './timer-heap.ts';

export interface Timer {
  id: number;
  due: number; // virtual epoch ms
  seq: number;
  /** The component that receives it (e.g. "kubelet/sandbox-worker", "replicaset-controller"). */
  owner: string;
  /** What it is about: usually an object key the owner re-reconciles. */
  key: string;
  /** Optional event name delivered to the owner (e.g. a pod machine event). */
  event?: string;
  /** Heartbeats, lease renewals: they never make the cluster "busy" for settle(). */
  recurring?: boolean;
}

export interface ClockRecord {
  now: number;
  epoch: number;
  nextSeq: number;
  timers: Timer[];
}

export class Clock {
  private nowMs: number;
  readonly epoch: number;
  private nextSeq = 1;
  /**
   * Pending timers by (due, seq), recurring ones apart so that the next non-recurring timer is
   * at hand for settle(). May hold cancelled ones (lazy removal).
   */
  private once = new TimerHeap();
  private recurring = new TimerHeap();
  /**
   * Live timers by owner, then key, for cancelFor and hasTimer (nested maps: no `owner|key`
   * string built and hashed per lookup). Only keys someone asked about are indexed: most timers
   * (a kubelet's pod steps) are only ever fired, and indexing them cost a fresh key's hash and
   * map writes each. An owner that asks about many keys is indexed whole.
   */
  private byKey = new Map<string, OwnerIndex>();
  private readonly cancelled = new Set<number>();

  constructor(epoch: number) {
    this.epoch = epoch;
    this.nowMs = epoch;
  }

  now(): number {
    return this.nowMs;
  }

  /** RFC 3339 with second precision, as Kubernetes prints metav1.Time. */
  nowRFC3339(): string {
    return rfc3339(this.nowMs);
  }

  nowRFC3339ShiftedBy(ms: number): string {
    return rfc3339(this.nowMs + ms);
  }

  elapsed(): number {
    return this.nowMs - this.epoch;
  }

  schedule(delayMs: number, t: Omit<Timer, 'id' | 'due' | 'seq'>): Timer {
    return this.scheduleFor(delayMs, t.owner, t.key, t.event, t.recurring);
  }

  /**
   * schedule() with the timer's fields as arguments: the timer is built by assignment, in the
   * same key order (a spread-then-add literal is a slow path in V8, and this runs per pod step).
   */
  scheduleFor(delayMs: number, owner: string, key: string, event?: string, recurring?: boolean): Timer {
    const seq = this.nextSeq++;
    const timer = { owner, key } as Timer;
    if (event !== undefined) timer.event = event;
    if (recurring !== undefined) timer.recurring = recurring;
    timer.id = seq;
    timer.seq = seq;
    timer.due = this.nowMs + Math.max(0, delayMs);
    this.insert(timer);
    return timer;
  }

  cancel(id: number): void {
    const t = this.once.all().find((x) => x.id === id && !this.cancelled.has(x.id)) ??
      this.recurring.all().find((x) => x.id === id && !this.cancelled.has(x.id));
    if (t) this.drop(t);
  }

  /** Cancels every timer of `owner` for `key` (optionally only those carrying `event`). */
  cancelFor(owner: string, key: string, event?: string): void {
    const list = this.listFor(owner, key);
    if (!list.length) return;
    for (const t of [...list]) if (event === undefined || t.event === event) this.drop(t);
  }

  hasTimer(owner: string, key: string, event?: string): boolean {
    const list = this.listFor(owner, key);
    return event === undefined ? list.length > 0 : list.some((t) => t.event === event);
  }

  /** Removes and returns the timers due at or before now. */
  takeDue(): Timer[] {
    const due: Timer[] = [];
    for (;;) {
      const t = this.next(true);
      if (!t || t.due > this.nowMs) break;
      (t.recurring ? this.recurring : this.once).pop();
      this.unindex(t);
      due.push(t);
    }
    return due;
  }

  /** The due time of the next timer (optionally ignoring recurring ones), or undefined. */
  nextDue(includeRecurring = true): number | undefined {
    return this.next(includeRecurring)?.due;
  }

  /** The next live timer, discarding cancelled ones on top of the heaps. */
  private next(includeRecurring: boolean): Timer | undefined {
    const a = this.liveTop(this.once);
    const b = includeRecurring ? this.liveTop(this.recurring) : undefined;
    if (!a) return b;
    if (!b) return a;
    return b.due < a.due || (b.due === a.due && b.seq < a.seq) ? b : a;
  }

  private liveTop(h: TimerHeap): Timer | undefined {
    let t = h.peek();
    while (t && this.cancelled.delete(t.id)) {
      h.pop();
      t = h.peek();
    }
    return t;
  }

  /** Moves time forward (never backwards). */
  advanceTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }

  /** Live timers in firing order. */
  pendingTimers(): readonly Timer[] {
    return [...this.once.all(), ...this.recurring.all()]
      .filter((t) => !this.cancelled.has(t.id))
      .sort((a, b) => a.due - b.due || a.seq - b.seq);
  }

  dump(): ClockRecord {
    return { now: this.nowMs, epoch: this.epoch, nextSeq: this.nextSeq, timers: this.pendingTimers().map((t) => ({ ...t })) };
  }

  static restore(r: ClockRecord): Clock {
    const c = new Clock(r.epoch);
    c.nowMs = r.now;
    c.nextSeq = r.nextSeq;
    for (const t of r.timers) c.insert({ ...t });
    return c;
  }

  private insert(timer: Timer): void {
    (timer.recurring ? this.recurring : this.once).push(timer);
    const idx = this.byKey.get(timer.owner);
    if (!idx) return;
    const list = idx.lists.get(timer.key);
    if (list) list.push(timer);
    else if (idx.whole) idx.lists.set(timer.key, [timer]);
  }

  /** The live timers of `owner` for `key`, in scheduling order (indexed from now on). */
  private listFor(owner: string, key: string): Timer[] {
    let idx = this.byKey.get(owner);
    if (!idx) this.byKey.set(owner, (idx = { whole: false, lists: new Map() }));
    let list = idx.lists.get(key);
    if (list) return list;
    if (idx.whole) return NO_TIMERS;
    if (idx.lists.size >= LAZY_KEYS) {
      // Many keys asked about (a kubelet's probes): index the owner whole, once.
      idx.whole = true;
      idx.lists.clear();
      for (const t of this.live((x) => x.owner === owner)) {
        const l = idx.lists.get(t.key);
        if (l) l.push(t);
        else idx.lists.set(t.key, [t]);
      }
      return idx.lists.get(key) ?? NO_TIMERS;
    }
    list = this.live((t) => t.owner === owner && t.key === key);
    // Kept even while empty: timers scheduled under this key from now on join it.
    idx.lists.set(key, list);
    return list;
  }

  /** The pending timers `which` accepts, not cancelled, in no particular order. */
  private live(which: (t: Timer) => boolean): Timer[] {
    const out: Timer[] = [];
    for (const h of [this.once, this.recurring]) h.forEach((t) => {
      if (which(t) && !this.cancelled.has(t.id)) out.push(t);
    });
    return out;
  }

  private drop(t: Timer): void {
    this.cancelled.add(t.id);
    this.unindex(t);
    // Compact now and then so cancelled timers do not pile up in the heaps.
    if (this.cancelled.size > 1024 && this.cancelled.size * 2 > this.once.size + this.recurring.size) {
      const live = (x: Timer) => !this.cancelled.has(x.id);
      this.once.retain(live);
      this.recurring.retain(live);
      this.cancelled.clear();
    }
  }

  private unindex(t: Timer): void {
    const idx = this.byKey.get(t.owner);
    const list = idx?.lists.get(t.key);
    if (!idx || !list) return;
    const i = list.indexOf(t);
    if (i >= 0) list.splice(i, 1);
    // An owner indexed whole drops empty lists; an asked-about key stays tracked.
    if (list.length === 0 && idx.whole) idx.lists.delete(t.key);
  }
}

/**
 * Recently formatted seconds, by second mod 64: thousands of writes stamp the same few virtual
 * seconds, but interleaved (a pod status carries its start time beside the current time), so a
 * single remembered second kept being formatted anew.
 */
const CACHED_SECONDS = 64;
const cachedSecond = new Float64Array(CACHED_SECONDS).fill(NaN);
const cachedText: string[] = new Array<string>(CACHED_SECONDS).fill('');

/** One owner's timers by key: the keys asked about, or (whole) every key. */
interface OwnerIndex {
  whole: boolean;
  lists: Map<string, Timer[]>;
}

/** Keys an owner may ask about before it is indexed whole (each first ask scans the heaps). */
const LAZY_KEYS = 4;
const NO_TIMERS = Object.freeze([]) as unknown as Timer[];

export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  const slot = ((second % CACHED_SECONDS) + CACHED_SECONDS) % CACHED_SECONDS;
  if (cachedSecond[slot] !== second) {
    cachedText[slot] = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    cachedSecond[slot] = second;
  }
  return cachedText[slot]!;
}

/** RFC 3339 with microseconds, as Kubernetes prints metav1.MicroTime (eventTime, lease renewTime). */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-01T00:00:00.123Z
  return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
