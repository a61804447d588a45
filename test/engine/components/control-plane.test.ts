import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { ApiError } from '../../../engine/apiserver/status.ts';
import {
  CONNECTION_REFUSED_MESSAGE, isConnectionRefused, resolveComponentName, setComponent,
} from '../../../engine/components/control-plane.ts';
import { setNodeKubelet } from '../../../engine/cluster/nodes.ts';
import { cluster, deployment, pod, pods } from '../cluster/fixtures.ts';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('control-plane components', () => {
  it('kube-apiserver stopped: every verb is refused; starting it brings it back after its startup time', () => {
    const e = cluster();
    setComponent(e, 'kube-apiserver', 'stop');
    expect(e.componentPhase('kube-apiserver')).to.equal('Stopped');
    const err = thrown(() => e.api.list('pods', 'default'));
    expect(err).to.be.instanceOf(ApiError);
    expect(isConnectionRefused(err)).to.equal(true);
    expect((err as ApiError).status.message).to.equal(CONNECTION_REFUSED_MESSAGE);
    expect(isConnectionRefused(thrown(() => e.api.create('pods', 'default', pod('x', { containers: [{ name: 'c', image: 'nginx' }] }))))).to.equal(true);
    e.advance(60_000); // components retry with back-off, nothing breaks
    setComponent(e, 'kube-apiserver', 'start');
    expect(e.componentPhase('kube-apiserver')).to.equal('Starting');
    expect(isConnectionRefused(thrown(() => e.api.list('pods')))).to.equal(true);
    e.settle();
    expect(e.componentPhase('kube-apiserver')).to.equal('Running');
    expect(e.api.list('pods', 'kube-system').length).to.be.greaterThan(0);
  });

  it('etcd stopped: the API server answers with an error (not a refused connection)', () => {
    const e = cluster();
    setComponent(e, 'etcd', 'stop');
    const err = thrown(() => e.api.list('pods'));
    expect(err).to.be.instanceOf(ApiError);
    expect(isConnectionRefused(err)).to.equal(false);
    expect((err as ApiError).status.message).to.equal('etcdserver: request timed out');
  });

  it('kube-controller-manager stopped: nothing is reconciled until it starts again', () => {
    const e = cluster();
    setComponent(e, 'kube-controller-manager', 'stop');
    e.api.create('deployments.apps', 'default', deployment('web', 2));
    e.advance(30_000);
    expect(e.store.list('replicasets.apps', 'default')).to.have.length(0);
    setComponent(e, 'kube-controller-manager', 'start');
    e.settle();
    expect(pods(e).filter((p: Pod) => p.status?.phase === 'Running')).to.have.length(2);
  });

  it('a stopped kubelet starts no pods on its node', () => {
    const e = cluster();
    setNodeKubelet(e, 'sandbox-worker', false);
    expect(e.componentPhase('kubelet/sandbox-worker')).to.equal('Stopped');
    e.api.create('pods', 'default', pod('p', { nodeName: 'sandbox-worker', containers: [{ name: 'c', image: 'nginx' }] }));
    e.advance(30_000);
    expect(e.api.get<Pod>('pods', 'default', 'p').status?.containerStatuses).to.equal(undefined);
    setNodeKubelet(e, 'sandbox-worker', true);
    e.settle();
    expect(e.api.get<Pod>('pods', 'default', 'p').status?.phase).to.equal('Running');
  });

  it('resolves the short names a learner types', () => {
    expect(resolveComponentName('apiserver')).to.equal('kube-apiserver');
    expect(resolveComponentName('scheduler')).to.equal('kube-scheduler');
    expect(resolveComponentName('controller-manager')).to.equal('kube-controller-manager');
    expect(resolveComponentName('etcd')).to.equal('etcd');
    expect(resolveComponentName('nope')).to.equal(undefined);
  });
});
