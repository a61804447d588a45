// The per-request context handed to kind strategies and admission plugins: where their
// warnings and after-commit actions collect. One plain object per request (no closures built
// per call: writes are the hot path of a large rollout).
import type { Clock } from '../time/clock.ts';
import type { Rng } from '../time/rng.ts';
import type { Store } from '../store/store.ts';
import type { AdmissionContext } from './admission/admission.ts';
import type { StrategyContext } from './strategy.ts';

export class RequestContext implements StrategyContext, AdmissionContext {
  /** Created by the first afterCommit: most requests have none. */
  private commits: (() => void)[] | undefined;
  private boundWarn: ((message: string) => void) | undefined;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly rng: Rng,
    readonly warnings: string[] = [],
  ) {}

  /** Validators take `warn` as a bare callback: bound on first use, not per request. */
  get warn(): (message: string) => void {
    return (this.boundWarn ??= (message: string) => void this.warnings.push(message));
  }

  afterCommit(fn: () => void): void {
    (this.commits ??= []).push(fn);
  }

  /** Runs the after-commit actions once the object is stored. */
  committed(): void {
    if (this.commits) for (const c of this.commits) c();
  }
}
