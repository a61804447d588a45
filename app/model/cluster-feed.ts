// One subscription per engine, shared by every view (topology, lessons, inspector, clock):
// each batch crosses the worker boundary once. Reference-counted: the last listener to
// leave unsubscribes.
import type { ChangeBatch, EngineApi } from '../../engine/engine-api.ts';
import { ClusterModel, isNewer } from './cluster-model.ts';

export type FeedListener = (batch: ChangeBatch | undefined) => void;

/** About one frame: the engine coalesces batches to at most one per interval. */
const BATCH_INTERVAL_MS = 16;

export class ClusterFeed {
  readonly model = new ClusterModel();
  loaded = false;
  private readonly listeners = new Set<FeedListener>();
  private subscription: Promise<number> | undefined;
  private pending: ChangeBatch[] | undefined;
  private generation = 0;

  constructor(private readonly engine: EngineApi) {}

  listen(fn: FeedListener): () => void {
    this.listeners.add(fn);
    if (this.listeners.size === 1) this.start();
    else if (this.loaded) fn(undefined);
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /** Reloads the whole cluster (after a reset). */
  async resync(): Promise<void> {
    const gen = ++this.generation;
    this.pending = [];
    const snap = await this.engine.snapshot();
    if (gen !== this.generation) return;
    this.model.load(snap);
    const buffered = this.pending;
    this.pending = undefined;
    for (const b of buffered) if (isNewer(b.resourceVersion, snap.resourceVersion)) this.model.apply(b);
    this.loaded = true;
    this.emit(undefined);
  }

  private start(): void {
    // Subscribe before the snapshot so nothing falls between them; batches seen before
    // the snapshot lands are buffered and replayed if newer.
    this.pending = [];
    this.subscription = this.engine.subscribe((b) => this.onBatch(b), BATCH_INTERVAL_MS);
    void this.resync();
  }

  private stop(): void {
    const sub = this.subscription;
    this.subscription = undefined;
    this.loaded = false;
    this.generation++;
    if (sub) void sub.then((id) => this.engine.unsubscribe(id));
  }

  private onBatch(batch: ChangeBatch): void {
    if (this.pending) {
      this.pending.push(batch);
      return;
    }
    this.model.apply(batch);
    this.emit(batch);
  }

  private emit(batch: ChangeBatch | undefined): void {
    for (const fn of this.listeners) fn(batch);
  }
}

const feeds = new WeakMap<EngineApi, ClusterFeed>();

export function feedFor(engine: EngineApi): ClusterFeed {
  let feed = feeds.get(engine);
  if (!feed) feeds.set(engine, (feed = new ClusterFeed(engine)));
  return feed;
}
