// The Event recorder components use (client-go's record.EventRecorder): core/v1 Events named
// `<object>.<hex nanoseconds>`, with identical repeats aggregated into count/lastTimestamp as
// the EventCorrelator does. Recording never fails the caller: a down API server drops it.
import type { Event } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { ApiError } from '../apiserver/status.ts';

export type EventType = 'Normal' | 'Warning';

/**
 * How many correlation keys the recorder remembers (client-go's eventLogger LRU,
 * maxLruCacheEntries): an identical event recorded after that many others starts a new Event.
 */
export const MAX_CORRELATION_ENTRIES = 4096;

export interface EventSource {
  component: string;
  host?: string;
}

const TWO_32 = 2 ** 32;

/**
 * ms × 10^6 + sub (nanoseconds since the epoch, past 2^53) in hex, as client-go names Events,
 * in two 32-bit limbs: exact, and without a BigInt per event.
 */
export function nanosHex(ms: number, sub: number): string {
  const msHigh = Math.floor(ms / TWO_32);
  const low = (ms - msHigh * TWO_32) * 1e6 + sub; // < 2^52: exact
  const carry = Math.floor(low / TWO_32);
  const high = msHigh * 1e6 + carry;
  const low32 = (low - carry * TWO_32).toString(16);
  return high ? high.toString(16) + low32.padStart(8, '0') : low32;
}

export class EventRecorder {
  private seq = 0;
  /** Correlation key -> Event name, least recently used first (a Map keeps insertion order). */
  private readonly index = new Map<string, string>();
  /**
   * A live iterator over `index`, always at its oldest entry: every entry before it was evicted
   * through it, and a touched entry is re-inserted at the end. A fresh keys().next() per eviction
   * would walk over the holes deletions leave at the front of the Map's table, O(n) each time.
   */
  private readonly oldest = this.index.keys();
  /** One frozen `source` per component/host, shared by its Events (stored objects are immutable). */
  private readonly sources = new Map<string, Event['source']>();

  constructor(private readonly api: ApiServer) {}

  record(obj: KubeObject, source: EventSource, type: EventType, reason: string, message: string, fieldPath?: string): void {
    try {
      this.write(obj, source, type, reason, message, fieldPath);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private write(obj: KubeObject, source: EventSource, type: EventType, reason: string, message: string, fieldPath?: string): void {
    const namespace = obj.metadata.namespace ?? 'default';
    const now = this.api.clock.nowRFC3339();
    // Built key by key (no spread, no delete): same fields, same order.
    const involved: Event['involvedObject'] = { kind: obj.kind };
    if (obj.metadata.namespace) involved.namespace = obj.metadata.namespace;
    involved.name = obj.metadata.name;
    involved.uid = obj.metadata.uid;
    involved.apiVersion = obj.apiVersion;
    involved.resourceVersion = obj.metadata.resourceVersion;
    if (fieldPath) involved.fieldPath = fieldPath;
    // Aggregate an identical event for the same object (same source, reason, message, type).
    // The index is only a cache of names: a missing or restored-away entry just creates anew.
    const corrKey = `${obj.metadata.uid ?? ''}\u0000${source.component}\u0000${type}\u0000${reason}\u0000${message}\u0000${fieldPath ?? ''}`;
    const known = this.index.get(corrKey);
    const same = known ? this.api.tryGet<Event>('events', namespace, known) : undefined;
    if (known !== undefined) this.index.delete(corrKey); // re-added below as the most recent
    if (same) {
      this.remember(corrKey, known!);
      const next = structuredClone(same);
      next.count = (same.count ?? 1) + 1;
      next.lastTimestamp = now;
      this.api.update('events', next, { trusted: true });
      return;
    }
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${obj.metadata.name}.${nanosHex(this.api.clock.now(), this.seq++ % 1000000)}`, namespace },
      involvedObject: involved,
      reason,
      message,
      source: this.sourceOf(source),
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.api.create('events', namespace, ev, { trusted: true });
    this.remember(corrKey, ev.metadata.name!);
  }

  private remember(corrKey: string, name: string): void {
    this.index.set(corrKey, name);
    if (this.index.size > MAX_CORRELATION_ENTRIES) this.index.delete(this.oldest.next().value!);
  }

  private sourceOf(source: EventSource): Event['source'] {
    const key = source.host ? `${source.component}\u0000${source.host}` : source.component;
    let s = this.sources.get(key);
    if (!s) {
      s = Object.freeze(source.host ? { component: source.component, host: source.host } : { component: source.component });
      this.sources.set(key, s);
    }
    return s;
  }
}
