// Engine-level figure behind bench (c): a 1,000-replica Deployment to all pods Running, in Node,
// without kubectl or the runtime around it. `npx tsx bench/engine-replicas.ts [replicas] [extraNodes]`
// (a node runs at most 110 pods, so extra workers are added first, untimed). --profile writes a CPU profile.
import { bootstrapCluster } from '../engine/cluster/cluster.ts';
import { addNode } from '../engine/cluster/nodes.ts';
import { Engine } from '../engine/engine.ts';

const replicas = Number(process.argv[2] ?? 1000);
const extra = Number(process.argv[3] ?? 9);
const e = new Engine({ seed: 1 });
const b0 = performance.now();
bootstrapCluster(e);
const boot = performance.now() - b0;
for (let i = 1; i <= extra; i++) addNode(e, `bench-worker${i}`);
e.settle();
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
const running = e.store.list('pods', 'default').filter((p) => (p['status'] as { phase?: string } | undefined)?.phase === 'Running').length;
console.log(`bootstrap: ${boot.toFixed(0)} ms`);
console.log(`${replicas} replicas -> ${running} Running: ${wall.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms cpu, ${(virtual / 1000).toFixed(1)} s virtual`);
