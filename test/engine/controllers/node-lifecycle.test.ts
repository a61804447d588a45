import { expect } from '@open-wc/testing';
import type { Node, Pod } from '../../../engine/api/core-v1.ts';
import { setNodeKubelet } from '../../../engine/cluster/nodes.ts';
import { GRACE_PERIOD_MS, MONITOR_PERIOD_MS } from '../../../engine/controllers/node-lifecycle.ts';
import { parseTime } from '../../../engine/time/clock.ts';
import { cluster, deployment, messages, pods } from '../cluster/fixtures.ts';

const ready = (e: ReturnType<typeof cluster>, n: string) => e.api.get<Node>('nodes', undefined, n).status?.conditions?.find((c) => c.type === 'Ready');

describe('node lifecycle controller', () => {
  it('marks a silent node Unknown after the grace period, taints it, evicts after 300 s, recovers', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 4));
    e.settle();
    const onWorker = () => pods(e).filter((p: Pod) => p.spec.nodeName === 'sandbox-worker' && !p.metadata.deletionTimestamp);
    expect(onWorker().length).to.be.greaterThan(0);
    const stoppedAt = e.clock.now();
    setNodeKubelet(e, 'sandbox-worker', false);
    e.advance(GRACE_PERIOD_MS - 10_000 - 1);
    expect(ready(e, 'sandbox-worker')?.status).to.equal('True');
    e.advance(10_000 + MONITOR_PERIOD_MS + 1);
    const r = ready(e, 'sandbox-worker')!;
    expect([r.status, r.reason, r.message]).to.deep.equal(['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
    const unknownAt = parseTime(r.lastTransitionTime)!;
    expect(unknownAt - stoppedAt).to.be.at.most(GRACE_PERIOD_MS + MONITOR_PERIOD_MS);
    const taints = e.api.get<Node>('nodes', undefined, 'sandbox-worker').spec.taints!.map((t) => `${t.key}:${t.effect}`);
    expect(taints).to.deep.equal(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(messages(e, 'sandbox-worker')).to.include('NodeNotReady: Node sandbox-worker status is now: NodeNotReady');
    e.advance(299_000 - (e.clock.now() - unknownAt));
    expect(onWorker().length).to.be.greaterThan(0);
    e.advance(2_000);
    expect(onWorker()).to.have.length(0);
    expect(messages(e).filter((m) => m.startsWith('TaintManagerEviction: Marking for deletion Pod default/web-'))).to.have.length.greaterThan(0);
    e.settle();
    const running = pods(e).filter((p: Pod) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
    expect(running).to.have.length(4);
    expect(running.every((p: Pod) => p.spec.nodeName === 'sandbox-worker2')).to.equal(true);
    setNodeKubelet(e, 'sandbox-worker', true);
    e.advance(10_000);
    expect(ready(e, 'sandbox-worker')?.status).to.equal('True');
    expect(e.api.get<Node>('nodes', undefined, 'sandbox-worker').spec.taints).to.equal(undefined);
  });
});
