// Engine-level figure behind bench (c) and (d): an N-replica Deployment to all pods Running,
// without kubectl or the runtime around it, in Node or (bench/in-browser.mjs) in a Web Worker of
// headless Chromium as in the app. `npx tsx bench/engine-replicas.ts [replicas] [extraNodes]`
// (a node runs at most 110 pods, so extra workers are added first, untimed). --profile writes a CPU profile of the timed phase.
// Heap per pod is the heap-in-use delta over the run divided by the pods (after a full GC when
// the host exposes one: node --expose-gc). `--json` prints one JSON line for bench/run.mjs.
import { bootstrapCluster } from '../engine/cluster/cluster.ts';
import { addNode } from '../engine/cluster/nodes.ts';
import { Engine } from '../engine/engine.ts';
import { startProfile, stopProfile } from './profile.ts';
import { args, cpuMs, gc, heapUsed, print, runtime } from './runtime.ts';

const positional = args.filter((a) => !a.startsWith('--'));
const replicas = Number(positional[0] ?? 1000);
const extra = Number(positional[1] ?? Math.max(9, Math.ceil(replicas / 110)));
const e = new Engine({ seed: 1 });
const b0 = performance.now();
bootstrapCluster(e);
const boot = performance.now() - b0;
for (let i = 1; i <= extra; i++) addNode(e, `bench-worker${i}`);
e.settle();
gc?.();
const heap0 = heapUsed();
await startProfile();
const t0 = performance.now();
const cpu0 = cpuMs();
e.api.create('deployments.apps', 'default', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'big', labels: { app: 'big' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'big' } },
    template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  },
});
const virtual = e.settle();
const wall = performance.now() - t0;
const cpu = cpu0 === undefined ? undefined : cpuMs()! - cpu0;
await stopProfile('engine-replicas');
gc?.();
const heap1 = heapUsed();
const heapPerPod = heap0 === undefined || heap1 === undefined ? undefined : (heap1 - heap0) / replicas;
const running = e.store.list('pods', 'default').filter((p) => (p['status'] as { phase?: string } | undefined)?.phase === 'Running').length;
if (args.includes('--json')) {
  print(JSON.stringify({ runtime, replicas, running, wallMs: Math.round(wall), virtualMs: virtual, heapPerPod: heapPerPod === undefined ? null : Math.round(heapPerPod), gc: !!gc }));
} else {
  print(`${runtime}; bootstrap: ${boot.toFixed(0)} ms`);
  print(`${replicas} replicas -> ${running} Running: ${wall.toFixed(0)} ms wall${cpu === undefined ? '' : `, ${cpu.toFixed(0)} ms cpu`}, ${(virtual / 1000).toFixed(1)} s virtual`);
  if (heapPerPod !== undefined) print(`heap per pod: ${(heapPerPod / 1024).toFixed(1)} KiB${gc ? '' : ' (run with --expose-gc for a settled figure)'}`);
}
