// Engine-level figure behind bench (c): a 1,000-replica Deployment to all pods Running, in Node,
// without kubectl or the runtime around it. `npx tsx bench/engine-replicas.ts [replicas] [extraNodes]`
// (a node runs at most 110 pods, so extra workers are added first, untimed). --profile writes a CPU profile of the timed phase.
// Heap per pod is the heapUsed delta over the run divided by the pods (after global.gc() when
// run with --expose-gc). `--json` prints one JSON line for bench/run.mjs.
import { bootstrapCluster } from '../engine/cluster/cluster.ts';
import { addNode } from '../engine/cluster/nodes.ts';
import { Engine } from '../engine/engine.ts';
import { startProfile, stopProfile } from './profile.ts';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const replicas = Number(positional[0] ?? 1000);
const extra = Number(positional[1] ?? Math.max(9, Math.ceil(replicas / 110)));
const gc = (globalThis as { gc?: () => void }).gc;
const e = new Engine({ seed: 1 });
const b0 = performance.now();
bootstrapCluster(e);
const boot = performance.now() - b0;
for (let i = 1; i <= extra; i++) addNode(e, `bench-worker${i}`);
e.settle();
gc?.();
const heap0 = process.memoryUsage().heapUsed;
await startProfile();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
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
const cpu = process.cpuUsage(cpu0);
await stopProfile('engine-replicas');
gc?.();
const heapPerPod = (process.memoryUsage().heapUsed - heap0) / replicas;
const running = e.store.list('pods', 'default').filter((p) => (p['status'] as { phase?: string } | undefined)?.phase === 'Running').length;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ replicas, running, wallMs: Math.round(wall), virtualMs: virtual, heapPerPod: Math.round(heapPerPod), gc: !!gc }));
  process.exit(0);
}
console.log(`bootstrap: ${boot.toFixed(0)} ms`);
console.log(`${replicas} replicas -> ${running} Running: ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms cpu, ${(virtual / 1000).toFixed(1)} s virtual`);
console.log(`heap per pod: ${(heapPerPod / 1024).toFixed(1)} KiB${gc ? '' : ' (run with --expose-gc for a settled figure)'}`);
