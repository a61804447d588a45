// The Event recorder components use (client-go's record.EventRecorder): core/v1 Events named
// `<object>.<hex nanoseconds>`, passed through client-go's EventCorrelator first
// (tools/record/events_cache.go): 10 events of one reason about one object with different
// messages within 10 minutes become one "(combined from similar events): " Event; identical
// repeats count up in count/lastTimestamp; a source may write 25 events about one object, then
// one per 5 minutes (the rest are dropped, though their occurrences still count). Recording
// never fails the caller: a down API server drops it.
import type { Event } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { ApiError } from '../apiserver/status.ts';
import { LruList, type LruEntry } from './lru.ts';

export type EventType = 'Normal' | 'Warning';

/**
 * How many keys each of the correlator's caches remembers (client-go's maxLruCacheEntries): an
 * identical event recorded after that many others starts a new Event.
 */
export const MAX_CORRELATION_ENTRIES = 4096;
/** defaultAggregateMaxEvents, defaultAggregateIntervalInSeconds. */
export const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst, defaultSpamQPS: 25 events about an object, then one per 5 minutes. */
export const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;
export const COMBINED_PREFIX = '(combined from similar events): ';
/**
 * Components that record through the events.k8s.io API (k8s.io/client-go/tools/events), which
 * has no EventCorrelator: the scheduler.
 */
const UNCORRELATED = new Set(['default-scheduler']);

/** eventLogger's eventLog: what the last occurrence of a key was written as. */
interface Observation {
  name: string;
  count: number;
  firstTimestamp: string;
}

/** EventAggregator's aggregateRecord: the distinct messages seen and when the last one came. */
interface AggregateRecord {
  messages: Set<string>;
  lastMs: number;
}

/** The spam filter's token bucket (golang.org/x/time/rate, as flowcontrol's rate limiter). */
interface Bucket {
  tokens: number;
  atMs: number;
}

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

/**
 * What the correlator keeps about one object from one source: its entries in the three caches.
 * Found by source component, host and object (strings the caller already holds), so recording
 * an event builds one key string, not three.
 */
interface ObjectRecord {
  home: Map<string, ObjectRecord>;
  id: string;
  bucket: LruEntry<Bucket, ObjectRecord> | null;
  /** By type and reason. */
  aggregates: Map<string, LruEntry<AggregateRecord, ObjectRecord>> | null;
  /** By event key; the combined Event by type and reason. */
  observed: Map<string, LruEntry<Observation, ObjectRecord>> | null;
}

function dropIfEmpty(r: ObjectRecord): void {
  if (!r.bucket && !r.aggregates?.size && !r.observed?.size) r.home.delete(r.id);
}

export class EventRecorder {
  private seq = 0;
  /** By source component, host and object id. */
  private readonly records = new Map<string, Map<string, Map<string, ObjectRecord>>>();
  /** eventLogger's cache: the Event each event key's occurrences went to. */
  private readonly observed = new LruList<Observation, ObjectRecord>(MAX_CORRELATION_ENTRIES, (e) => {
    e.owner.observed!.delete(e.key);
    dropIfEmpty(e.owner);
  });
  /** EventAggregator's cache: by source, object, type and reason. */
  private readonly aggregates = new LruList<AggregateRecord, ObjectRecord>(MAX_CORRELATION_ENTRIES, (e) => {
    e.owner.aggregates!.delete(e.key);
    dropIfEmpty(e.owner);
  });
  /** EventSourceObjectSpamFilter's cache: by source and object. */
  private readonly buckets = new LruList<Bucket, ObjectRecord>(MAX_CORRELATION_ENTRIES, (e) => {
    e.owner.bucket = null;
    dropIfEmpty(e.owner);
  });
  /** One frozen `source` per component and host ('' for none), shared by its Events (stored objects are immutable). */
  private readonly sources = new Map<string, Map<string, Event['source']>>();
  /**
   * One copy of each recent message and field path: most repeat across pods (`Started container
   * nginx`, `spec.containers{nginx}`), and each Event kept its own string, built in pieces.
   */
  private readonly texts = new Map<string, string>();

  constructor(private readonly api: ApiServer) {}

  record(obj: KubeObject, source: EventSource, type: EventType, reason: string, message: string, fieldPath?: string): void {
    try {
      this.write(obj, source, type, reason, message, fieldPath);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** Forgets what the correlator saw (a restored cluster: the components that saw it are gone). */
  reset(): void {
    this.records.clear();
    this.observed.clear();
    this.aggregates.clear();
    this.buckets.clear();
    this.texts.clear();
  }

  /** The shared copy of `s` (a bounded table, forgotten whole when full). */
  private intern(s: string): string {
    const hit = this.texts.get(s);
    if (hit !== undefined) return hit;
    if (this.texts.size >= MAX_CORRELATION_ENTRIES) this.texts.clear();
    this.texts.set(s, s);
    return s;
  }

  /** The correlator's record of this source and object (uid; kind/namespace/name without one). */
  private recordOf(source: EventSource, obj: KubeObject): ObjectRecord {
    let byHost = this.records.get(source.component);
    if (!byHost) this.records.set(source.component, (byHost = new Map()));
    const host = source.host ?? '';
    let byObject = byHost.get(host);
    if (!byObject) byHost.set(host, (byObject = new Map()));
    const m = obj.metadata;
    const id = m.uid ?? `${obj.kind}\u0000${m.namespace ?? ''}\u0000${m.name ?? ''}`;
    let r = byObject.get(id);
    if (!r) byObject.set(id, (r = { home: byObject, id, bucket: null, aggregates: null, observed: null }));
    return r;
  }

  private write(obj: KubeObject, source: EventSource, type: EventType, reason: string, message: string, fieldPath?: string): void {
    // The shared copies first: hashed once, they are then cheap to look up and to key by.
    message = this.intern(message);
    if (fieldPath) fieldPath = this.intern(fieldPath);
    const namespace = obj.metadata.namespace ?? 'default';
    const nowMs = this.api.clock.now();
    const correlated = !UNCORRELATED.has(source.component);
    const r = this.recordOf(source, obj);
    const similar = type === 'Normal' ? reason : `${type}\u0000${reason}`;
    let key = `${similar}\u0000${fieldPath ?? ''}\u0000${message}`;
    let text = message;
    let combined = false;
    if (correlated) {
      // EventAggregate: the 10th distinct message within 10 minutes goes to the combined Event.
      const aggregates = (r.aggregates ??= new Map());
      let entry = aggregates.get(similar);
      if (entry) this.aggregates.touch(entry);
      else aggregates.set(similar, (entry = this.aggregates.add(r, similar, { messages: new Set(), lastMs: nowMs })));
      let agg = entry.value;
      if (nowMs - agg.lastMs > AGGREGATE_INTERVAL_MS) agg = entry.value = { messages: new Set(), lastMs: nowMs };
      agg.messages.add(message);
      agg.lastMs = nowMs;
      if (agg.messages.size >= AGGREGATE_MAX_EVENTS) {
        // PopAny (Go picks at random; the oldest here, for determinism).
        agg.messages.delete(agg.messages.values().next().value!);
        key = similar;
        text = COMBINED_PREFIX + message;
        combined = true;
      }
    }
    // eventObserve: a repeat counts on the Event of its key, dropped or not.
    const now = this.api.clock.nowRFC3339();
    const observed = (r.observed ??= new Map());
    const entry = observed.get(key);
    const seen = entry?.value;
    const observation: Observation = seen
      ? { name: seen.name, count: seen.count + 1, firstTimestamp: seen.firstTimestamp }
      : { name: `${obj.metadata.name}.${nanosHex(nowMs, this.seq++ % 1000000)}`, count: 1, firstTimestamp: now };
    if (entry) {
      entry.value = observation;
      this.observed.touch(entry);
    } else observed.set(key, this.observed.add(r, key, observation));
    const allowed = !correlated || this.allow(r, nowMs);
    this.observed.trim();
    this.aggregates.trim();
    this.buckets.trim();
    if (!allowed) return;

    if (seen) {
      const same = this.api.tryGet<Event>('events', namespace, seen.name);
      if (same) {
        const next = structuredClone(same);
        next.count = observation.count;
        next.lastTimestamp = now;
        next.message = text;
        this.api.update('events', next, { trusted: true });
        return;
      }
    }
    // Whole literals (no spread, no delete, no key added later, which would put fields out of
    // the object): same fields, same order.
    const m = obj.metadata;
    let involved: Event['involvedObject'];
    if (m.namespace) {
      involved = fieldPath
        ? { kind: obj.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, resourceVersion: m.resourceVersion, fieldPath }
        : { kind: obj.kind, namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, resourceVersion: m.resourceVersion };
    } else {
      involved = fieldPath
        ? { kind: obj.kind, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, resourceVersion: m.resourceVersion, fieldPath }
        : { kind: obj.kind, name: m.name, uid: m.uid, apiVersion: obj.apiVersion, resourceVersion: m.resourceVersion };
    }
    // A repeat whose Event is gone (expired, deleted) is created again under its name and count.
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: observation.name, namespace },
      involvedObject: involved,
      reason,
      message: combined ? this.intern(text) : text,
      source: this.sourceOf(source),
      firstTimestamp: observation.firstTimestamp,
      lastTimestamp: now,
      count: observation.count,
      type,
      eventTime: null,
      // The combined Event is built without the reporting fields (EventAggregate's eventCopy).
      reportingComponent: combined ? '' : source.component,
      reportingInstance: combined ? '' : source.host ?? '',
    };
    this.api.create('events', namespace, ev, { trusted: true });
  }

  /** EventSourceObjectSpamFilter.Filter: takes a token from the source+object bucket, if any. */
  private allow(r: ObjectRecord, nowMs: number): boolean {
    let b: Bucket;
    if (!r.bucket) {
      b = { tokens: SPAM_BURST, atMs: nowMs };
      r.bucket = this.buckets.add(r, '', b);
    } else {
      this.buckets.touch(r.bucket);
      b = r.bucket.value;
      b.tokens = Math.min(SPAM_BURST, b.tokens + ((nowMs - b.atMs) / 1000) * SPAM_QPS);
      b.atMs = nowMs;
    }
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    return ok;
  }

  private sourceOf(source: EventSource): Event['source'] {
    // Two lookups by strings the caller holds (hashes cached), not one by a key built per Event.
    let byHost = this.sources.get(source.component);
    if (!byHost) this.sources.set(source.component, (byHost = new Map()));
    const host = source.host ?? '';
    let s = byHost.get(host);
    if (!s) {
      s = Object.freeze(host ? { component: source.component, host } : { component: source.component });
      byHost.set(host, s);
    }
    return s;
  }
}
