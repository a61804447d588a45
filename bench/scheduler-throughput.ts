// Scheduler throughput on 5,000 nodes with the default profile, measured as upstream's
// scheduler_perf does it (test/integration/scheduler_perf, SchedulingBasic/5000Nodes): the
// scheduler first places `--init` pods (1,000, not timed: its cache, snapshot and code are warm,
// as in a running cluster), then the measured pods are created pending (not timed) and the clock
// runs until it has bound them all: pods/s = measured pods / wall time of that.
// `--cold` measures instead a scheduler (re)started with every pod pending: the snapshot of
// 5,000 nodes is built inside the timed run.
// Only the scheduler is hosted (no kubelets, no controllers), so pod start-up is not counted;
// binding goes through the API server and each pod gets its Scheduled event, as upstream.
// `npx tsx bench/scheduler-throughput.ts [nodes=5000] [pods=10000] [--init N] [--cold] [--json] [--profile]`
import type { Node, Pod } from '../engine/api/core-v1.ts';
import { installIndexes } from '../engine/controllers/listers.ts';
import { Engine } from '../engine/engine.ts';
import { createScheduler } from '../engine/scheduler/scheduler.ts';
import { startProfile, stopProfile } from './profile.ts';
import { args, cpuMs, print, runtime } from './runtime.ts';

const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--init');
const nodes = Number(positional[0] ?? 5000);
const pods = Number(positional[1] ?? 10000);
const cold = args.includes('--cold');
const init = cold ? 0 : Number(flag('--init') ?? 1000);
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
// Pods as a ReplicaSet makes them (an owner, so the default topology spreading applies).
const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d9c7b7f4', uid: 'rs-uid-1', controller: true, blockOwnerDeletion: true };
function createPods(from: number, to: number): void {
  for (let i = from; i < to; i++) {
    e.api.create<Pod>('pods', 'default', {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `web-5d9c7b7f4-${i}`, labels: { app: 'web' }, ownerReferences: [owner] },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    });
  }
}
if (cold) e.setComponentPhase('kube-scheduler', 'Stopped');
createPods(0, init);
e.runUntilQuiet();
// The measured pods: created while the engine does not run, so they are all pending at t0.
createPods(init, init + pods);
await startProfile();
const t0 = performance.now();
const cpu0 = cpuMs();
if (cold) e.setComponentPhase('kube-scheduler', 'Running');
e.runUntilQuiet();
const wall = performance.now() - t0;
const cpu = cpu0 === undefined ? undefined : cpuMs()! - cpu0;
await stopProfile('scheduler-throughput');
const cpuUsed = cpu === undefined ? undefined : Math.round(cpu);
const bound = (e.store.list('pods', 'default') as Pod[]).filter((p) => p.spec.nodeName).length - init;
const rate = Math.round((bound / wall) * 1000);
if (args.includes('--json')) {
  print(JSON.stringify({ runtime, nodes, pods, init, cold, bound, wallMs: Math.round(wall), cpuMs: cpuUsed, podsPerSecond: rate }));
} else {
  const how = cold ? 'scheduler started cold' : `after ${init} pods placed`;
  const cpuNote = cpuUsed === undefined ? '' : ` (${cpuUsed} ms cpu)`;
  print(`${runtime}: ${bound}/${pods} pods bound on ${nodes} nodes (${how}) in ${wall.toFixed(0)} ms${cpuNote}: ${rate} pods/s`);
}
