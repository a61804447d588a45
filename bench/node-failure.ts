// Node failure to all pods rescheduled, at 1,000 pods: a big worker runs a 1,000-replica
// Deployment (the other workers cordoned while it rolls out, then uncordoned), its kubelet
// stops, and the clock runs until every pod of the Deployment is Running on another node:
// 50 s to NotReady, 300 s of tolerationSeconds, eviction, replacements scheduled and started.
// Prints the wall time of that run (and the virtual time it covers).
// `npx tsx bench/node-failure.ts [pods] [--json]`
import type { Node, Pod } from '../engine/api/core-v1.ts';
import { bootstrapCluster } from '../engine/cluster/cluster.ts';
import { addNode, setNodeKubelet } from '../engine/cluster/nodes.ts';
import { Engine } from '../engine/engine.ts';
import { args, print, runtime } from './runtime.ts';

const positional = args.filter((a) => !a.startsWith('--'));
const replicas = Number(positional[0] ?? 1000);
const e = new Engine({ seed: 1 });
bootstrapCluster(e);
const workers = Math.ceil(replicas / 100);
for (let i = 1; i <= workers; i++) addNode(e, `bench-worker${i}`);
addNode(e, 'big', { cpu: '64', memory: '256Gi' });
const big = e.api.get<Node>('nodes', undefined, 'big');
const res = { ...big.status!.allocatable!, pods: String(replicas + 100) };
e.api.updateStatus('nodes', { ...big, status: { ...big.status, allocatable: res, capacity: res } });
const others = e.store.list('nodes').map((n) => n.metadata.name!).filter((n) => n !== 'big');
const cordon = (on: boolean) => { for (const n of others) e.api.patch('nodes', undefined, n, 'strategic', { spec: { unschedulable: on ? true : null } }); };
cordon(true);
e.api.create('deployments.apps', 'default', {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'big', labels: { app: 'big' } },
  spec: { replicas, selector: { matchLabels: { app: 'big' } }, template: { metadata: { labels: { app: 'big' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
});
e.settle();
cordon(false);
e.settle();
const onBig = (e.store.list('pods', 'default') as Pod[]).filter((p) => p.spec.nodeName === 'big').length;
const rescheduled = () => {
  const pods = e.store.list('pods', 'default') as Pod[];
  return pods.filter((p) => p.spec.nodeName && p.spec.nodeName !== 'big' && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp).length;
};
const t0 = performance.now();
const v0 = e.clock.now();
setNodeKubelet(e, 'big', false);
while (rescheduled() < replicas && e.clock.now() - v0 < 30 * 60_000) e.advance(5_000);
const wall = performance.now() - t0;
const virtualMs = e.clock.now() - v0;
const done = rescheduled();
if (args.includes('--json')) print(JSON.stringify({ runtime, replicas, onBig, rescheduled: done, wallMs: Math.round(wall), virtualMs }));
else print(`${runtime}: ${onBig} pods on the failed node; ${done}/${replicas} Running elsewhere after ${(virtualMs / 1000).toFixed(0)} s virtual: ${wall.toFixed(0)} ms wall`);
