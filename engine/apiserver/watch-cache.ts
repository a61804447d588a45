// The watch cache (k8s.io/apiserver/pkg/storage/cacher): a bounded window of the most recent
// watch events, so a client can resume a watch from the resourceVersion it last saw. A version
// older than the window gets 410 Gone (`too old resource version: X (Y)`, reason Expired) and
// must relist, as informers do upstream.
import type { KubeObject } from '../api/meta.ts';
import type { Store, WatchEvent } from '../store/store.ts';
import { ApiError } from './status.ts';

export const WATCH_CACHE_CAPACITY = 1000;

export class WatchCache {
  private readonly ring: WatchEvent[] = [];
  /** Each retained event's resourceVersion, by ring index (not read back from an old object per write). */
  private readonly versions: Float64Array;
  /** Index of the oldest retained event in `ring` once it is full. */
  private head = 0;
  /** Every event after this version is retained. */
  private floor: number;
  /** Version of the last event seen: a store that moved without events was reloaded. */
  private last: number;

  constructor(
    private readonly store: Store,
    private readonly capacity = WATCH_CACHE_CAPACITY,
  ) {
    this.versions = new Float64Array(capacity);
    this.floor = this.last = store.resourceVersion();
    store.watch((e) => this.push(e));
  }

  private push(e: WatchEvent): void {
    const rv = Number(e.object.metadata.resourceVersion);
    // Each write moves the version by one; a jump means the store was restored meanwhile.
    if (rv - 1 !== this.last) this.reset(rv - 1);
    if (this.ring.length < this.capacity) {
      this.versions[this.ring.length] = rv;
      this.ring.push(e);
    } else {
      this.floor = this.versions[this.head]!;
      this.ring[this.head] = e;
      this.versions[this.head] = rv;
      this.head = (this.head + 1) % this.capacity;
    }
    this.last = rv;
  }

  /** A restored store (load) has no history: start the window at its version. */
  private sync(): void {
    const now = this.store.resourceVersion();
    if (now !== this.last) this.reset(now);
  }

  private reset(rv: number): void {
    this.ring.length = 0;
    this.head = 0;
    this.floor = this.last = rv;
  }

  /** The oldest version a watch can resume from. */
  oldestResumable(): number {
    this.sync();
    return this.floor;
  }

  /** Retained events after `rv`, oldest first; Gone when `rv` is older than the window of events. */
  since(rv: number): WatchEvent[] {
    this.sync();
    if (rv < this.floor) throw gone(rv, this.floor);
    const current = this.store.resourceVersion();
    if (rv > current) throw tooLarge(rv, current);
    const out: WatchEvent[] = [];
    const n = this.ring.length;
    for (let i = 0; i < n; i++) {
      const at = (this.head + i) % n;
      if (this.versions[at]! > rv) out.push(this.ring[at]!);
    }
    return out;
  }
}

/** 410 Gone, reason Expired, as errors.NewResourceExpired words it. */
export function gone(rv: number, oldest: number): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `too old resource version: ${rv} (${oldest})`,
    reason: 'Expired',
    code: 410,
  });
}

/** 504 for a version the server has not reached (NewTooLargeResourceVersionError). */
export function tooLarge(rv: number, current: number): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Timeout: Too large resource version: ${rv}, current: ${current}`,
    reason: 'Timeout',
    details: { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 },
    code: 504,
  });
}

/**
 * For a filtered watch, a MODIFIED event is what the filter sees: an object that starts to
 * match arrives as ADDED, one that stops matching leaves as DELETED (as the cacher does).
 */
export function filterEvent(e: WatchEvent, ok: (o: KubeObject) => boolean): WatchEvent | undefined {
  const now = ok(e.object);
  if (e.type !== 'MODIFIED' || !e.old) return now ? e : undefined;
  const before = ok(e.old);
  if (now && before) return e;
  if (now) return { type: 'ADDED', resource: e.resource, object: e.object };
  if (before) return { type: 'DELETED', resource: e.resource, object: e.object };
  return undefined;
}
