// Virtual time. The engine never reads the wall clock: `now` only moves when the work loop
// advances it. Timers are plain records (persisted with the store) fired in (due, seq) order.

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
  private timers: Timer[] = []; // kept sorted by (due, seq); may hold cancelled ones (lazy removal)
  /** Live timers by `owner|key`: cancelling and lookups stay cheap with thousands of pods. */
  private byKey = new Map<string, Timer[]>();
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
    const seq = this.nextSeq++;
    const timer: Timer = { ...t, id: seq, seq, due: this.nowMs + Math.max(0, delayMs) };
    this.insert(timer);
    return timer;
  }

  cancel(id: number): void {
    const t = this.timers.find((x) => x.id === id && !this.cancelled.has(x.id));
    if (t) this.drop(t);
  }

  /** Cancels every timer of `owner` for `key` (optionally only those carrying `event`). */
  cancelFor(owner: string, key: string, event?: string): void {
    const list = this.byKey.get(`${owner}|${key}`);
    if (!list) return;
    for (const t of [...list]) if (event === undefined || t.event === event) this.drop(t);
  }

  hasTimer(owner: string, key: string, event?: string): boolean {
    const list = this.byKey.get(`${owner}|${key}`);
    return !!list && (event === undefined ? list.length > 0 : list.some((t) => t.event === event));
  }

  /** Removes and returns the timers due at or before now. */
  takeDue(): Timer[] {
    let n = 0;
    const due: Timer[] = [];
    while (n < this.timers.length && this.timers[n]!.due <= this.nowMs) {
      const t = this.timers[n++]!;
      if (this.cancelled.delete(t.id)) continue;
      this.unindex(t);
      due.push(t);
    }
    if (n) this.timers.splice(0, n);
    return due;
  }

  /** The due time of the next timer (optionally ignoring recurring ones), or undefined. */
  nextDue(includeRecurring = true): number | undefined {
    for (const t of this.timers) if (!this.cancelled.has(t.id) && (includeRecurring || !t.recurring)) return t.due;
    return undefined;
  }

  /** Moves time forward (never backwards). */
  advanceTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }

  pendingTimers(): readonly Timer[] {
    return this.cancelled.size ? this.timers.filter((t) => !this.cancelled.has(t.id)) : this.timers;
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
    // Binary search for the insertion point keeps firing order (due, seq).
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.timers[mid]!;
      if (m.due < timer.due || (m.due === timer.due && m.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
    const k = `${timer.owner}|${timer.key}`;
    const list = this.byKey.get(k);
    if (list) list.push(timer);
    else this.byKey.set(k, [timer]);
  }

  private drop(t: Timer): void {
    this.cancelled.add(t.id);
    this.unindex(t);
    // Compact now and then so cancelled timers do not pile up in the sorted array.
    if (this.cancelled.size > 1024 && this.cancelled.size * 2 > this.timers.length) {
      this.timers = this.timers.filter((x) => !this.cancelled.has(x.id));
      this.cancelled.clear();
    }
  }

  private unindex(t: Timer): void {
    const k = `${t.owner}|${t.key}`;
    const list = this.byKey.get(k);
    if (!list) return;
    const i = list.indexOf(t);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.byKey.delete(k);
  }
}

export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
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
