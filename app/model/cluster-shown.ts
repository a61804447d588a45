// The moment the learner first sees the cluster drawn. Heavy, non-urgent work (loading
// Monaco) waits for it, so it never competes with the engine's boot for the CPU.

let resolveShown!: () => void;
export const clusterShown: Promise<void> = new Promise((resolve) => (resolveShown = resolve));

let marked = false;

/** Called once by the topology when it first draws nodes; marks `kubeplay:ready` for the benchmark. */
export function markClusterShown(): void {
  if (marked) return;
  marked = true;
  performance.mark('kubeplay:ready');
  resolveShown();
}

/** Resolves when the cluster was shown, or after `maxMs` at the latest (never blocks forever). */
export function afterClusterShown(maxMs = 3000): Promise<void> {
  return Promise.race([clusterShown, new Promise<void>((r) => setTimeout(r, maxMs))]);
}
