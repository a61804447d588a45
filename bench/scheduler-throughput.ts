// Scheduler throughput on 5,000 nodes with the default profile: pods are created unbound while
// kube-scheduler is stopped (not timed), then the scheduler starts and the clock runs until it
// has bound them all: pods/s = pods / wall time of that. Only the scheduler is hosted (no
// kubelets, no controllers), so pod start-up is not counted; binding goes through the API
// server and each pod gets its Scheduled event, as upstream.
// `npx tsx bench/scheduler-throughput.ts [nodes] [pods] [--json] [--profile]`
import type { Node, Pod } from '../engine/api/core-v1.ts';
import { installIndexes } from '../engine/controllers/listers.ts';
import { Engine } from '../engine/engine.ts';
import { createScheduler } from '../engine/scheduler/scheduler.ts';
import { startProfile, stopProfile } from './profile.ts';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const nodes = Number(positional[0] ?? 5000);
const pods = Number(positional[1] ?? 10000);
const e = new Engine({ seed: 1 });
installIndexes(e.store);
e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
const zones = ['a', 'b', 'c'];
for (let i = 0; i < nodes; i++) {
  const name = `node-${i}`;
  const created = e.api.create<Node>('nodes', undefined, {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${zones[i % 3]}` } },
    spec: {},
  }).object;
  const res = { cpu: '4', memory: '8148564Ki', pods: '110', 'ephemeral-storage': '102625208Ki' };
  e.api.updateStatus('nodes', { ...created, status: { capacity: res, allocatable: res, conditions: [{ type: 'Ready', status: 'True' }] } } as Node);
}
e.host(createScheduler(e.store), 'kube-scheduler');
e.setComponentPhase('kube-scheduler', 'Stopped');
// Pods as a ReplicaSet makes them (an owner, so the default topology spreading applies).
const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9c7b7f4', uid: 'rs-uid-1', controller: true, blockOwnerDeletion: true };
for (let i = 0; i < pods; i++) {
  e.api.create<Pod>('pods', 'default', {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `web-5d9c7b7f4-${i}`, labels: { app: 'web' }, ownerReferences: [owner] },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  });
}
e.runUntilQuiet();
await startProfile();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
e.setComponentPhase('kube-scheduler', 'Running');
e.runUntilQuiet();
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
await stopProfile('scheduler-throughput');
const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
const bound = (e.store.list('pods', 'default') as Pod[]).filter((p) => p.spec.nodeName).length;
const rate = Math.round((bound / wall) * 1000);
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ nodes, pods, bound, wallMs: Math.round(wall), cpuMs, podsPerSecond: rate }));
} else {
  console.log(`${bound}/${pods} pods bound on ${nodes} nodes in ${wall.toFixed(0)} ms (${cpuMs} ms cpu): ${rate} pods/s`);
}
