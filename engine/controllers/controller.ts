// The shape of every reconciling component: controllers, the scheduler, kubelets, kube-proxy.
// Level-triggered: watch events only enqueue keys; reconcile(key) reads the world fresh through
// the API server and writes back through it. Time and randomness come from the context.
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import type { Store } from '../store/store.ts';
import type { Clock, Timer } from '../time/clock.ts';
import type { Rng } from '../time/rng.ts';
import type { EventRecorder } from './events.ts';

/** What a reconcile asks for next: nothing, or to run again after a (virtual) delay. */
export type Result = { requeueAfter?: number } | void;

export interface WatchSpec {
  /** Store resource key: "pods", "deployments.apps". */
  resource: string;
  /**
   * Keys to enqueue for an event on this resource. Default: the object's own `ns/name`.
   * `old` is set for modifications (e.g. to enqueue both the old and the new owner). `deleted`:
   * the object is gone (otherwise it is the stored version: the engine maps an event as the
   * write happens, so no store lookup is needed to tell).
   */
  map?: (obj: KubeObject, old: KubeObject | undefined, deleted: boolean) => string[];
  /**
   * Only objects bound to this node (`spec.nodeName`): the engine routes them to this watch
   * without calling it for every other node's pods (a kubelet's informer field selector).
   */
  nodeName?: string;
}

export interface ReconcileContext {
  api: ApiServer;
  clock: Clock;
  rng: Rng;
  events: EventRecorder;
  /** Simulation-private records (machine snapshots, logs); never visible through the API. */
  store: Store;
  /** Enqueue `key` of this component again after `delayMs` of virtual time, optionally with an event. */
  schedule(delayMs: number, key: string, event?: string, recurring?: boolean): void;
  /** Cancel this component's timers for `key` (optionally only those carrying `event`). */
  cancel(key: string, event?: string): void;
  hasTimer(key: string, event?: string): boolean;
  /** Enqueue a key of this component now. */
  enqueue(key: string): void;
}

export interface Controller {
  /** Upstream name, also the Event source component ("replicaset-controller", "default-scheduler"). */
  readonly name: string;
  readonly watches: readonly WatchSpec[];
  reconcile(key: string, cx: ReconcileContext): Result;
  /** A timer of this component fired. Default: enqueue timer.key. */
  onTimer?(timer: Timer, cx: ReconcileContext): void;
  /** Keys to enqueue when the component (re)starts: default all objects of every watched resource. */
  resync?(cx: ReconcileContext): string[];
}

/** `ns/name` or `name` for cluster-scoped objects: the key most controllers use. */
export function keyOf(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

/** The controlling owner reference of an object, if any. */
export function controllerOf(o: KubeObject): { apiVersion: string; kind: string; name: string; uid: string } | undefined {
  const refs = o.metadata.ownerReferences;
  if (refs) for (const r of refs) if (r.controller) return r;
  return undefined;
}
