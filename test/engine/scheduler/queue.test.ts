import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { FAILED_SCHEDULING } from '../../../engine/scheduler/scheduler.ts';
import { MAX_BACKOFF_MS, SchedulingQueue } from '../../../engine/scheduler/queue.ts';
import { cluster, pod } from '../cluster/fixtures.ts';

const attempts = (e: ReturnType<typeof cluster>, name: string) =>
  e.store.list('events', 'default').filter((x) => (x as unknown as { involvedObject: { name: string }; reason: string }).involvedObject.name === name &&
    (x as unknown as { reason: string }).reason === FAILED_SCHEDULING).map((x) => (x as unknown as { count?: number }).count ?? 1).reduce((a, b) => a + b, 0);

describe('SchedulingQueue', () => {
  it('moves a pod only on events its rejecting plugins registered for, after its back-off', () => {
    const q = new SchedulingQueue();
    q.failed('default/a', ['NodeAffinity'], 0);
    q.failed('default/b', ['NodeResourcesFit'], 0);
    expect(q.move(['AssignedPodDelete'])).to.deep.equal(['default/b']);
    expect(q.move(['NodeLabel'])).to.deep.equal(['default/a']);
    expect(q.backoffRemaining('default/a', 400)).to.equal(600);
    q.failed('default/a', ['NodeAffinity'], 1000);
    expect(q.backoffRemaining('default/a', 1000)).to.equal(2000);
    for (let i = 0; i < 6; i++) q.failed('default/a', ['NodeAffinity'], 0);
    expect(q.backoffRemaining('default/a', 0)).to.equal(MAX_BACKOFF_MS);
  });

  it('flushes pods left unschedulable for 5 minutes', () => {
    const q = new SchedulingQueue();
    q.failed('default/a', ['TaintToleration'], 0);
    expect(q.leftover(299_999)).to.deep.equal([]);
    expect(q.leftover(300_000)).to.deep.equal(['default/a']);
  });

  it('does not retry an unschedulable pod on unrelated events; a new node makes it fit', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('big', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '6' } } }] }));
    e.advance(5_000);
    expect(attempts(e, 'big')).to.equal(1);
    // A pod elsewhere being added and a label on a node are not events NodeResourcesFit waits for.
    e.api.create('pods', 'default', pod('small', { containers: [{ name: 'c', image: 'nginx' }] }));
    e.api.patch('nodes', undefined, 'sandbox-worker', 'merge', { metadata: { labels: { x: 'y' } } });
    e.advance(60_000);
    expect(attempts(e, 'big')).to.equal(1);
    e.api.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'huge' }, spec: {} });
    e.api.updateStatus('nodes', { ...e.api.get('nodes', undefined, 'huge'), status: { allocatable: { cpu: '16', memory: '64Gi', pods: '110' }, capacity: { cpu: '16', memory: '64Gi', pods: '110' } } });
    e.advance(15_000);
    expect(e.api.get<Pod>('pods', 'default', 'big').spec.nodeName).to.equal('huge');
  });
});
