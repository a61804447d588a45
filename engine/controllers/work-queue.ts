// client-go's work queue contract: a key is queued at most once (Stingy), keys are processed
// in order (Fair), and a key re-added while it is being processed runs again afterwards.

export class WorkQueue {
  private readonly queue: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();

  add(key: string): void {
    if (this.dirty.has(key)) return;
    this.dirty.add(key);
    if (!this.processing.has(key)) this.queue.push(key);
  }

  /** Takes the next key, or undefined when empty. Call done(key) after processing it. */
  get(): string | undefined {
    if (this.head >= this.queue.length) return undefined;
    const key = this.queue[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.queue.push(key);
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  clear(): void {
    this.queue.length = 0;
    this.head = 0;
    this.dirty.clear();
    this.processing.clear();
  }
}
