import { expect } from '@open-wc/testing';
import type { Node, Pod } from '../../../engine/api/core-v1.ts';
import { FAULTS } from '../../../engine/faults/catalog.ts';
import { clearFault, FaultError, injectFault } from '../../../engine/faults/inject.ts';
import { cluster, deployment, pod } from '../cluster/fixtures.ts';

const ready = (e: ReturnType<typeof cluster>, n: string) =>
  e.api.get<Node>('nodes', undefined, n).status?.conditions?.find((c) => c.type === 'Ready')?.status;
const running = (e: ReturnType<typeof cluster>) =>
  (e.store.list('pods', 'default') as Pod[]).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);

describe('fault catalog', () => {
  it('has at least 20 faults with unique ids, each with a title, description and effect', () => {
    expect(FAULTS.length).to.be.greaterThanOrEqual(20);
    expect(new Set(FAULTS.map((f) => f.id)).size).to.equal(FAULTS.length);
    for (const f of FAULTS) expect(f.title && f.description && f.effect, f.id).to.be.ok;
  });

  it('refuses unknown faults and targets', () => {
    const e = cluster();
    expect(() => injectFault(e, 'nope')).to.throw(FaultError);
    expect(() => injectFault(e, 'node-partition', 'ghost')).to.throw(FaultError, 'node "ghost" not found');
  });

  it('every non-one-shot fault injects and clears, and the cluster converges back to 2 running pods', () => {
    for (const f of FAULTS.filter((x) => !x.oneShot)) {
      const e = cluster();
      e.api.create('deployments.apps', 'default', deployment('web', 2));
      e.settle();
      injectFault(e, f.id);
      e.advance(400_000);
      clearFault(e, f.id);
      e.advance(120_000);
      e.settle();
      expect(running(e).length, f.id).to.equal(2);
      expect(['sandbox-control-plane', 'sandbox-worker', 'sandbox-worker2'].map((n) => ready(e, n)), f.id).to.deep.equal(['True', 'True', 'True']);
    }
  });

  it('container runtime stopped: a new pod there gets FailedCreatePodSandBox; the node goes NotReady after 30 s', () => {
    const e = cluster();
    injectFault(e, 'container-runtime-stopped', 'sandbox-worker');
    e.api.create('pods', 'default', pod('x', { nodeName: 'sandbox-worker', containers: [{ name: 'c', image: 'nginx' }] }));
    e.advance(5_000);
    const p = e.api.get<Pod>('pods', 'default', 'x');
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.reason).to.equal('ContainerCreating');
    const reasons = e.store.list('events', 'default').map((x) => (x as unknown as { reason: string }).reason);
    expect(reasons).to.include('FailedCreatePodSandBox');
    e.advance(40_000);
    expect(ready(e, 'sandbox-worker')).to.equal('False');
    clearFault(e, 'container-runtime-stopped', 'sandbox-worker');
    e.advance(15_000);
    expect(ready(e, 'sandbox-worker')).to.equal('True');
    expect(e.api.get<Pod>('pods', 'default', 'x').status?.phase).to.equal('Running');
  });

  it('memory pressure taints the node and evicts BestEffort pods, which are replaced elsewhere', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 4));
    e.settle();
    injectFault(e, 'node-memory-pressure', 'sandbox-worker');
    e.advance(60_000);
    const taints = e.api.get<Node>('nodes', undefined, 'sandbox-worker').spec.taints ?? [];
    expect(taints.map((t) => `${t.key}:${t.effect}`)).to.include('node.kubernetes.io/memory-pressure:NoSchedule');
    const evicted = (e.store.list('pods', 'default') as Pod[]).filter((p) => p.status?.reason === 'Evicted');
    expect(evicted.length).to.be.greaterThan(0);
    expect(running(e).every((p) => p.spec.nodeName !== 'sandbox-worker')).to.equal(true);
    expect(running(e).length).to.equal(4);
  });
});
