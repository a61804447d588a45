// Per-kind behaviour of the API server (the registry "strategy" of k8s.io/apiserver):
// defaulting, validation and what create/update may change. One file per kind in kinds/.
import type { KubeObject } from '../api/meta.ts';
import type { Clock } from '../time/clock.ts';
import type { Rng } from '../time/rng.ts';
import type { Store } from '../store/store.ts';
import type { FieldError } from './status.ts';

export interface StrategyContext {
  clock: Clock;
  rng: Rng;
  /** Read-only access to stored objects (for allocators and cross-object checks). */
  store: Store;
  /** Non-fatal messages returned to the client as `Warning:` headers. */
  warn(message: string): void;
}

export interface KindStrategy {
  /** Applies the kind's defaults in place on a fresh copy (SetDefaults_* + registry defaults). */
  defaults?(obj: KubeObject, cx: StrategyContext): void;
  /** PrepareForCreate: e.g. reset status, set generation. Runs before defaults. */
  prepareForCreate?(obj: KubeObject, cx: StrategyContext): void;
  /** PrepareForUpdate: e.g. keep status on spec updates, bump generation. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, cx: StrategyContext): void;
  /**
   * Mutating admission on create (ServiceAccount, Priority, DefaultTolerationSeconds...): runs
   * after defaults, before validation. May throw an ApiError (Forbidden) to reject the request.
   */
  admit?(obj: KubeObject, cx: StrategyContext): void;
  validate?(obj: KubeObject, cx: StrategyContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, cx: StrategyContext): FieldError[];
  /** Runs once an object is stored (allocators release/commit, etc). */
  afterDelete?(obj: KubeObject, cx: StrategyContext): void;
}
