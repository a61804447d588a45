// One tab owns a persisted cluster at a time (Web Locks). The owner persists; another tab on
// the same cluster runs as a follower that never writes, so neither loses the other's writes,
// and it can take over (stealing the lock, the first tab then becomes the follower).

const LOCK_NAME = 'kubeplay-cluster';

export class TabLock {
  private release: (() => void) | undefined;

  constructor(private readonly onLost: () => void) {}

  /** Becomes the owner if nobody else is; true when owned. */
  tryAcquire(): Promise<boolean> {
    return this.request({ ifAvailable: true });
  }

  /** Becomes the owner even if another tab is: that tab is told it lost the cluster. */
  takeOver(): Promise<boolean> {
    return this.request({ steal: true });
  }

  private request(options: LockOptions): Promise<boolean> {
    const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
    if (!locks) return Promise.resolve(true); // no Web Locks: a single tab is all we can assume
    return new Promise<boolean>((resolve) => {
      locks
        .request(LOCK_NAME, options, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          // Hold the lock until released or stolen.
          return new Promise<void>((r) => (this.release = r));
        })
        .catch(() => {
          // Stolen by another tab (AbortError): this tab is a follower from now on.
          this.release = undefined;
          this.onLost();
        });
    });
  }
}
