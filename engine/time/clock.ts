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
  private timers: Timer[] = []; // kept sorted by (due, seq)

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
    return timer;
  }

  cancel(id: number): void {
    const i = this.timers.findIndex((t) => t.id === id);
    if (i >= 0) this.timers.splice(i, 1);
  }

  /** Cancels every timer of `owner` for `key` (optionally only those carrying `event`). */
  cancelFor(owner: string, key: string, event?: string): void {
    this.timers = this.timers.filter((t) => !(t.owner === owner && t.key === key && (event === undefined || t.event === event)));
  }

  hasTimer(owner: string, key: string, event?: string): boolean {
    return this.timers.some((t) => t.owner === owner && t.key === key && (event === undefined || t.event === event));
  }

  /** Removes and returns the timers due at or before now. */
  takeDue(): Timer[] {
    let n = 0;
    while (n < this.timers.length && this.timers[n]!.due <= this.nowMs) n++;
    return n === 0 ? [] : this.timers.splice(0, n);
  }

  /** The due time of the next timer (optionally ignoring recurring ones), or undefined. */
  nextDue(includeRecurring = true): number | undefined {
    for (const t of this.timers) if (includeRecurring || !t.recurring) return t.due;
    return undefined;
  }

  /** Moves time forward (never backwards). */
  advanceTo(ms: number): void {
    if (ms > this.nowMs) this.nowMs = ms;
  }

  pendingTimers(): readonly Timer[] {
    return this.timers;
  }

  dump(): ClockRecord {
    return { now: this.nowMs, epoch: this.epoch, nextSeq: this.nextSeq, timers: this.timers.map((t) => ({ ...t })) };
  }

  static restore(r: ClockRecord): Clock {
    const c = new Clock(r.epoch);
    c.nowMs = r.now;
    c.nextSeq = r.nextSeq;
    c.timers = r.timers.map((t) => ({ ...t }));
    return c;
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
