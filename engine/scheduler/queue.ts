// The scheduling queue (pkg/scheduler/backend/queue): a pod that failed a cycle waits in the
// unschedulable pool, tagged with the plugins that rejected it; only a cluster event one of
// those plugins registered for (cluster-events.ts) moves it out, and it is retried once its
// back-off (1 s doubling per attempt, at most 10 s) has passed (the backoff queue); pods left
// unschedulable for 5 min are flushed back anyway. The active queue is the engine's work queue.
// In-memory, like upstream: a restarted scheduler starts with every pending pod active.
import { INTERESTED, type ClusterEvent } from './cluster-events.ts';

export const INITIAL_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration */
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;
/** flushUnschedulablePodsLeftover runs this often. */
export const FLUSH_PERIOD_MS = 30_000;

interface Entry {
  attempts: number;
  /** Virtual time of the last failed attempt. */
  failedAt: number;
  /** Plugins that rejected it (empty: any event may help, e.g. an internal error). */
  plugins: ReadonlySet<string>;
  /** Still in the unschedulable pool (false once an event or the flush moved it). */
  unschedulable: boolean;
}

export class SchedulingQueue {
  private readonly entries = new Map<string, Entry>();

  backoffMs(attempts: number): number {
    return Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  }

  /** A cycle failed: park the pod as unschedulable. */
  failed(key: string, plugins: Iterable<string>, now: number): void {
    const prev = this.entries.get(key);
    this.entries.set(key, { attempts: (prev?.attempts ?? 0) + 1, failedAt: now, plugins: new Set(plugins), unschedulable: true });
  }

  /** Scheduled or gone: forget it. */
  forget(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  isUnschedulable(key: string): boolean {
    return this.entries.get(key)?.unschedulable ?? false;
  }

  /** ms until the pod may be tried again (0 = now): its stay in the backoff queue. */
  backoffRemaining(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    return Math.max(0, e.failedAt + this.backoffMs(e.attempts) - now);
  }

  /** Pods a cluster event moves out of the unschedulable pool (to backoff or active). */
  move(events: readonly ClusterEvent[]): string[] {
    if (!events.length || !this.entries.size) return [];
    const out: string[] = [];
    for (const [key, e] of this.entries) {
      if (!e.unschedulable) continue;
      if (e.plugins.size && !events.some((ev) => [...e.plugins].some((p) => INTERESTED.get(ev)?.has(p)))) continue;
      e.unschedulable = false;
      out.push(key);
    }
    return out;
  }

  /** The pod itself changed (its spec): it leaves the pool whatever rejected it. */
  moveOne(key: string): void {
    const e = this.entries.get(key);
    if (e) e.unschedulable = false;
  }

  /** Pods unschedulable for longer than 5 min. */
  leftover(now: number): string[] {
    const out: string[] = [];
    for (const [key, e] of this.entries) {
      if (!e.unschedulable || now - e.failedAt < MAX_UNSCHEDULABLE_MS) continue;
      e.unschedulable = false;
      out.push(key);
    }
    return out;
  }

  get size(): number {
    return this.entries.size;
  }
}
