import { expect } from '@open-wc/testing';
import type { Node, Pod } from '../../../engine/api/core-v1.ts';
import { addNode } from '../../../engine/cluster/nodes.ts';
import { readResult } from '../../../engine/scheduler/results.ts';
import { fitErrorMessage } from '../../../engine/scheduler/failure-message.ts';
import { cluster, messages, pod } from '../cluster/fixtures.ts';

const cpuPod = (name: string, cpu: string) => pod(name, { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu } } }] });

describe('scheduler', () => {
  it('binds to a worker and records Scheduled, never the tainted control plane', () => {
    const e = cluster();
    for (let i = 0; i < 6; i++) e.api.create('pods', 'default', pod(`p${i}`, { containers: [{ name: 'c', image: 'nginx' }] }));
    e.settle();
    for (let i = 0; i < 6; i++) {
      const p = e.api.get<Pod>('pods', 'default', `p${i}`);
      expect(p.spec.nodeName).to.match(/^sandbox-worker2?$/);
      expect(messages(e, `p${i}`)[0]).to.equal(`Scheduled: Successfully assigned default/p${i} to ${p.spec.nodeName}`);
      expect(p.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).to.equal('True');
    }
    // Least-allocated scoring spreads them.
    const on = (n: string) => [0, 1, 2, 3, 4, 5].filter((i) => e.api.get<Pod>('pods', 'default', `p${i}`).spec.nodeName === n).length;
    expect(on('sandbox-worker')).to.equal(3);
    const result = readResult(e.store, e.api.get<Pod>('pods', 'default', 'p0').metadata.uid!)!;
    expect(result.nodes.find((r) => r.node === 'sandbox-control-plane')!.filters.at(-1)!.plugin).to.equal('TaintToleration');
    expect(result.selected).to.match(/^sandbox-worker/);
  });

  it('reports FailedScheduling with the upstream message and PodScheduled=False', () => {
    const e = cluster();
    e.api.create('pods', 'default', cpuPod('big', '5'));
    e.settle();
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..';
    expect(messages(e, 'big')).to.deep.equal([`FailedScheduling: ${msg}`]);
    const p = e.api.get<Pod>('pods', 'default', 'big');
    expect(p.status?.phase).to.equal('Pending');
    expect(p.status?.conditions).to.deep.equal([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: p.status!.conditions![0]!.lastTransitionTime, reason: 'Unschedulable', message: msg },
    ]);
    // A node that fits makes the pod schedulable again.
    addNode(e, 'big-node', { cpu: '8' });
    e.settle();
    expect(e.api.get<Pod>('pods', 'default', 'big').spec.nodeName).to.equal('big-node');
  });

  it('counts requests of pods already on a node, and Too many pods', () => {
    expect(fitErrorMessage(2, [
      { code: 'Unschedulable', reasons: ['Too many pods', 'Insufficient memory'], plugin: 'NodeResourcesFit' },
      { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"], plugin: 'NodeAffinity' },
    ])).to.equal(
      "0/2 nodes are available: 1 Insufficient memory, 1 Too many pods, 1 node(s) didn't match Pod's node affinity/selector. " +
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling..',
    );
    const e = cluster();
    e.api.create('pods', 'default', cpuPod('a', '3'));
    e.api.create('pods', 'default', cpuPod('b', '3'));
    e.api.create('pods', 'default', cpuPod('c', '3'));
    e.settle();
    const nodes = ['a', 'b'].map((n) => e.api.get<Pod>('pods', 'default', n).spec.nodeName).sort();
    expect(nodes).to.deep.equal(['sandbox-worker', 'sandbox-worker2']);
    expect(e.api.get<Pod>('pods', 'default', 'c').spec.nodeName).to.equal(undefined);
  });

  it('respects cordon (NodeUnschedulable) and nodeSelector (NodeAffinity)', () => {
    const e = cluster();
    const w = structuredClone(e.api.get<Node>('nodes', undefined, 'sandbox-worker'));
    w.spec.unschedulable = true;
    e.api.update('nodes', w);
    e.api.create('pods', 'default', pod('x', { containers: [{ name: 'c', image: 'nginx' }], nodeSelector: { 'kubernetes.io/hostname': 'sandbox-worker' } }));
    e.settle();
    expect(messages(e, 'x')[0]).to.equal(
      "FailedScheduling: 0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. " +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
  });

  it('leaves pods Pending without events while kube-scheduler is stopped', async () => {
    const { setComponent } = await import('../../../engine/components/control-plane.ts');
    const e = cluster();
    setComponent(e, 'kube-scheduler', 'stop');
    e.api.create('pods', 'default', pod('wait', { containers: [{ name: 'c', image: 'nginx' }] }));
    e.advance(30_000);
    expect(e.api.get<Pod>('pods', 'default', 'wait').spec.nodeName).to.equal(undefined);
    expect(messages(e, 'wait')).to.deep.equal([]);
    setComponent(e, 'kube-scheduler', 'start');
    expect(e.componentPhase('kube-scheduler')).to.equal('Starting');
    e.settle();
    expect(e.componentPhase('kube-scheduler')).to.equal('Running');
    expect(e.api.get<Pod>('pods', 'default', 'wait').status?.phase).to.equal('Running');
  });
});
