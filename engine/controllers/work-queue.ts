// client-go's work queue contract: a key is queued at most once (Stingy), keys are processed
// in order (Fair), and a key re-added while it is being processed runs again afterwards.

/** A key waits in the queue (client-go's dirty set). */
const DIRTY = 1;
/** A key is being processed (client-go's processing set). */
const PROCESSING = 2;

export class WorkQueue {
  private readonly queue: string[] = [];
  private head = 0;
  /**
   * Each known key's DIRTY / PROCESSING bits: one map lookup per operation where client-go's
   * two sets take two or three (every reconcile of every controller goes through here).
   */
  private readonly states = new Map<string, number>();

  add(key: string): void {
    const s = this.states.get(key) ?? 0;
    if (s & DIRTY) return;
    this.states.set(key, s | DIRTY);
    if (!(s & PROCESSING)) this.queue.push(key);
  }

  /** Takes the next key, or undefined when empty. Call done(key) after processing it. */
  get(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    // Queued keys are dirty and not processing: now only processing.
    this.states.set(key, PROCESSING);
    return key;
  }

  done(key: string): void {
    const s = this.states.get(key) ?? 0;
    if (s & DIRTY) {
      this.states.set(key, DIRTY);
      this.queue.push(key);
    } else this.states.delete(key);
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  clear(): void {
    this.queue.length = 0;
    this.head = 0;
    this.states.clear();
  }
}
