// Where an engine benchmark runs: in Node (tsx, or bundled), or in a Web Worker of headless
// Chromium (bench/in-browser.mjs), where the app runs the engine. The few things a benchmark
// needs from its host, the same way in both.
interface BrowserHost {
  __BENCH_ARGS?: string[];
  postMessage?(m: unknown): void;
  gc?: () => void;
}
const host = globalThis as unknown as BrowserHost;
const inNode = typeof process !== 'undefined' && !!process.versions?.node;

/** Command-line arguments (after the script name). */
export const args: readonly string[] = inNode ? process.argv.slice(2) : (host.__BENCH_ARGS ?? []);

/** "Node v20.20.2" or "Chromium 156". */
export const runtime = inNode ? `Node ${process.version}` : `Chromium ${chromiumVersion()}`;

function chromiumVersion(): string {
  const brands = (navigator as unknown as { userAgentData?: { brands: { brand: string; version: string }[] } }).userAgentData?.brands;
  return brands?.find((b) => b.brand === 'Chromium')?.version ?? '?';
}

/** CPU time used by the process so far (ms); undefined where the host does not tell (a browser). */
export function cpuMs(): number | undefined {
  if (!inNode) return undefined;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Bytes of JS heap in use; undefined where the host does not tell (a Web Worker has no performance.memory). */
export function heapUsed(): number | undefined {
  if (inNode) return process.memoryUsage().heapUsed;
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
}

/** A full garbage collection, when the host exposes one (node --expose-gc, Chromium --js-flags=--expose-gc). */
export const gc: (() => void) | undefined = host.gc;

/** Prints a line of the benchmark's output. */
export function print(line: string): void {
  if (inNode) console.log(line);
  else host.postMessage?.({ line });
}
