// Wires the store, the API server and the reconciling components, and runs the work loop:
// fire due timers, drain every component's queue until quiet, then move virtual time to the
// next timer. Deterministic: same seed + same inputs = same cluster.
import type { KubeObject } from './api/meta.ts';
import { ApiServer } from './apiserver/apiserver.ts';
import { ApiError } from './apiserver/status.ts';
import type { ComponentPhase } from './engine-api.ts';
import { keyOf, type Controller, type ReconcileContext, type WatchSpec } from './controllers/controller.ts';
import { EventRecorder } from './controllers/events.ts';
import { WorkQueue } from './controllers/work-queue.ts';
import { Store, type StoreDump, type WatchEvent } from './store/store.ts';
import { Clock, type ClockRecord, type Timer } from './time/clock.ts';
import { Rng } from './time/rng.ts';

/** A CLI-reproducible epoch: 2025-01-01T00:00:00Z. The browser passes the real creation time. */
export const DEFAULT_EPOCH = Date.UTC(2025, 0, 1, 0, 0, 0);

export interface EngineOptions {
  seed?: number;
  epoch?: number;
}

export interface EngineDump {
  schemaVersion: number;
  seed: number;
  rng: number;
  clock: ClockRecord;
  store: StoreDump;
}

export const SCHEMA_VERSION = 1;

interface Hosted {
  controller: Controller;
  /** The process it runs in ("kube-controller-manager", "kube-scheduler", "kubelet/<node>"). */
  component: string;
  queue: WorkQueue;
  cx: ReconcileContext;
  backoff: Map<string, number>;
}

/** One watch of one hosted controller, as dispatch visits it. */
interface Subscription {
  h: Hosted;
  map: WatchSpec['map'];
}

/** The watches of one resource: those of every object, and those scoped to one node's objects. */
interface ResourceSubscriptions {
  all: Subscription[];
  byNode: Map<string, Subscription[]>;
}

const MAX_ITEMS_PER_QUIET = 5_000_000;

export class Engine {
  readonly store = new Store();
  clock: Clock;
  readonly rng: Rng;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly seed: number;
  private readonly hosted = new Map<string, Hosted>();
  /** Watch subscriptions by resource, in hosting order: a write visits only its resource's watchers. */
  private readonly byResource = new Map<string, ResourceSubscriptions>();
  private readonly phases = new Map<string, ComponentPhase>();
  private readonly phaseListeners = new Set<() => void>();
  private readonly loadListeners = new Set<() => void>();

  constructor(opts: EngineOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.clock = new Clock(opts.epoch ?? DEFAULT_EPOCH);
    this.rng = new Rng(this.seed);
    this.api = new ApiServer(this.store, this.clock, this.rng);
    this.events = new EventRecorder(this.api);
    this.store.watch((e) => this.dispatch(e));
  }

  // Components ------------------------------------------------------------------------------

  /** Hosts a controller inside a component process; it starts when the component runs. */
  host(controller: Controller, component: string): void {
    if (this.hosted.has(controller.name)) throw new Error(`engine: controller ${controller.name} hosted twice`);
    const h: Hosted = { controller, component, queue: new WorkQueue(), cx: undefined!, backoff: new Map() };
    h.cx = this.contextFor(h);
    this.hosted.set(controller.name, h);
    for (const w of controller.watches) {
      let subs = this.byResource.get(w.resource);
      if (!subs) this.byResource.set(w.resource, (subs = { all: [], byNode: new Map() }));
      const sub: Subscription = { h, map: w.map };
      if (w.nodeName === undefined) subs.all.push(sub);
      else {
        const list = subs.byNode.get(w.nodeName);
        if (list) list.push(sub);
        else subs.byNode.set(w.nodeName, [sub]);
      }
    }
    if (!this.phases.has(component)) this.phases.set(component, 'Running');
    if (this.isRunning(component)) this.resync(h);
  }

  unhost(name: string): void {
    const h = this.hosted.get(name);
    if (!h) return;
    this.hosted.delete(name);
    for (const subs of this.byResource.values()) {
      subs.all = subs.all.filter((s) => s.h !== h);
      for (const [node, list] of subs.byNode) {
        const kept = list.filter((s) => s.h !== h);
        if (kept.length) subs.byNode.set(node, kept);
        else subs.byNode.delete(node);
      }
    }
    this.clock.pendingTimers()
      .filter((t) => t.owner === name)
      .forEach((t) => this.clock.cancel(t.id));
  }

  controllers(): Controller[] {
    return [...this.hosted.values()].map((h) => h.controller);
  }

  componentPhase(component: string): ComponentPhase {
    return this.phases.get(component) ?? 'Stopped';
  }

  componentPhases(): Map<string, ComponentPhase> {
    return new Map(this.phases);
  }

  /** Sets a component's lifecycle phase. A component that (re)starts relists everything. */
  setComponentPhase(component: string, phase: ComponentPhase): void {
    const was = this.isRunning(component);
    this.phases.set(component, phase);
    this.store.setRecord(`component/${component}`, phase);
    if (!was && this.isRunning(component)) for (const h of this.hosted.values()) if (h.component === component) this.resync(h);
    for (const l of this.phaseListeners) l();
  }

  onPhaseChange(l: () => void): () => void {
    this.phaseListeners.add(l);
    return () => this.phaseListeners.delete(l);
  }

  /** Relists for every controller of a running component (an informer reconnecting to the API server). */
  resyncComponent(component: string): void {
    if (!this.isRunning(component)) return;
    for (const h of this.hosted.values()) if (h.component === component) this.resync(h);
  }

  /** Drops a component that no longer exists (a removed node's kubelet) from the phase list. */
  forgetComponent(component: string): void {
    for (const h of [...this.hosted.values()]) if (h.component === component) this.unhost(h.controller.name);
    if (!this.phases.delete(component)) return;
    this.store.deleteRecord(`component/${component}`);
    for (const l of this.phaseListeners) l();
  }

  /** Called after load(dump) restored a store (e.g. to host a kubelet per restored Node). */
  onLoad(l: () => void): () => void {
    this.loadListeners.add(l);
    return () => this.loadListeners.delete(l);
  }

  isRunning(component: string): boolean {
    const p = this.phases.get(component);
    return p === 'Running' || p === 'Degraded';
  }

  // Work loop ---------------------------------------------------------------------------------

  /** Processes everything due at the current virtual time until the cluster is quiet. */
  runUntilQuiet(): void {
    let items = 0;
    for (;;) {
      for (const t of this.clock.takeDue()) this.fire(t);
      let progressed = false;
      for (const h of this.hosted.values()) {
        // Most queues are empty at any moment: no phase lookup for them.
        if (h.queue.length === 0 || !this.isRunning(h.component)) continue;
        let key: string | undefined;
        while ((key = h.queue.get()) !== undefined) {
          progressed = true;
          this.reconcile(h, key);
          h.queue.done(key);
          if (++items > MAX_ITEMS_PER_QUIET) throw new Error(`engine: more than ${MAX_ITEMS_PER_QUIET} reconciles at one instant`);
        }
      }
      if (!progressed && this.clock.nextDue() !== undefined && this.clock.nextDue()! <= this.clock.now()) continue;
      if (!progressed) return;
    }
  }

  /** Advances virtual time by `ms`, firing every timer on the way. */
  advance(ms: number): void {
    const target = this.clock.now() + ms;
    this.runUntilQuiet();
    for (;;) {
      const next = this.clock.nextDue();
      if (next === undefined || next > target) break;
      this.clock.advanceTo(next);
      this.runUntilQuiet();
    }
    this.clock.advanceTo(target);
    this.runUntilQuiet();
  }

  /**
   * Runs until nothing but recurring timers (heartbeats) is pending, or `maxMs` of virtual
   * time has passed (a crash-looping pod never settles). Returns the virtual ms it took.
   */
  settle(maxMs = 10 * 60_000): number {
    const start = this.clock.now();
    this.runUntilQuiet();
    for (;;) {
      const next = this.clock.nextDue(false);
      if (next === undefined || next - start > maxMs) break;
      // Fire everything (recurring included) up to the next non-recurring timer, in order.
      this.advance(next - this.clock.now());
    }
    return this.clock.now() - start;
  }

  /** Time of the next thing that will happen, or undefined. */
  nextEventTime(): number | undefined {
    return this.clock.nextDue();
  }

  // Persistence ---------------------------------------------------------------------------------

  dump(): EngineDump {
    return { schemaVersion: SCHEMA_VERSION, seed: this.seed, rng: this.rng.getState(), clock: this.clock.dump(), store: this.store.dump() };
  }

  /** Replaces the cluster state with a dump; components resync from the restored store. */
  load(d: EngineDump): void {
    this.store.load(d.store);
    // The components that saw the old events are gone with them: their correlators start afresh.
    this.events.reset();
    this.rng.setState(d.rng);
    const restored = Clock.restore(d.clock);
    // Keep the same Clock instance (the API server and contexts hold it).
    Object.assign(this.clock, restored);
    for (const [k, v] of this.store.recordsWithPrefix('component/')) this.phases.set(k.slice('component/'.length), v as ComponentPhase);
    for (const h of this.hosted.values()) {
      h.queue.clear();
      if (this.isRunning(h.component)) this.resync(h);
    }
    for (const l of this.loadListeners) l();
  }

  // Internals ------------------------------------------------------------------------------------

  private dispatch(e: WatchEvent): void {
    const subs = this.byResource.get(e.resource);
    if (!subs) return;
    this.deliver(subs.all, e);
    if (subs.byNode.size === 0) return;
    const nodeName = (e.object['spec'] as { nodeName?: string } | undefined)?.nodeName;
    const onNode = nodeName === undefined ? undefined : subs.byNode.get(nodeName);
    if (onNode) this.deliver(onNode, e);
  }

  private deliver(subs: Subscription[], e: WatchEvent): void {
    const deleted = e.type === 'DELETED';
    for (const s of subs) {
      if (!s.map) {
        s.h.queue.add(keyOf(e.object));
        continue;
      }
      for (const k of s.map(e.object, e.old, deleted)) s.h.queue.add(k);
    }
  }

  private fire(t: Timer): void {
    const h = this.hosted.get(t.owner);
    if (!h) return;
    if (t.event === '__backoff__') {
      h.queue.add(t.key);
      return;
    }
    if (h.controller.onTimer) h.controller.onTimer(t, h.cx);
    else h.queue.add(t.key);
  }

  private reconcile(h: Hosted, key: string): void {
    try {
      const r = h.controller.reconcile(key, h.cx);
      h.backoff.delete(key);
      if (r && r.requeueAfter !== undefined) {
        this.clock.cancelFor(h.controller.name, key, '__backoff__');
        this.clock.schedule(r.requeueAfter, { owner: h.controller.name, key, event: '__backoff__' });
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // Expected API failures (conflicts, server down): retry with per-item exponential backoff.
      const prev = h.backoff.get(key) ?? 0;
      const delay = prev === 0 ? 5 : Math.min(prev * 2, 1000_000);
      h.backoff.set(key, delay);
      if (!this.clock.hasTimer(h.controller.name, key, '__backoff__'))
        this.clock.schedule(delay, { owner: h.controller.name, key, event: '__backoff__' });
    }
  }

  private resync(h: Hosted): void {
    const keys = h.controller.resync
      ? h.controller.resync(h.cx)
      : h.controller.watches.flatMap((w) =>
          this.store.list(w.resource)
            .filter((o) => w.nodeName === undefined || (o['spec'] as { nodeName?: string } | undefined)?.nodeName === w.nodeName)
            .flatMap((o) => (w.map ? w.map(o, undefined, false) : [keyOf(o)])));
    for (const k of keys) h.queue.add(k);
  }

  private contextFor(h: Hosted): ReconcileContext {
    const owner = h.controller.name;
    return {
      api: this.api,
      clock: this.clock,
      rng: this.rng,
      events: this.events,
      store: this.store,
      schedule: (delayMs, key, event, recurring) =>
        void this.clock.scheduleFor(delayMs, owner, key, event ? event : undefined, recurring ? recurring : undefined),
      cancel: (key, event) => this.clock.cancelFor(owner, key, event),
      hasTimer: (key, event) => this.clock.hasTimer(owner, key, event),
      enqueue: (key) => h.queue.add(key),
    };
  }
}

export type { KubeObject };
