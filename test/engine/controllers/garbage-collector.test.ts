import { expect } from '@open-wc/testing';
import { cluster, deployment, pods } from '../cluster/fixtures.ts';

function withWeb() {
  const e = cluster();
  e.api.create('deployments.apps', 'default', deployment('web', 2));
  e.settle();
  return e;
}

describe('garbage collector', () => {
  it('background: deleting a Deployment removes its ReplicaSet and pods', () => {
    const e = withWeb();
    e.api.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Background' });
    e.runUntilQuiet();
    expect(e.store.list('replicasets.apps', 'default')).to.have.length(0);
    expect(pods(e).every((p) => p.metadata.deletionTimestamp)).to.equal(true);
    e.settle();
    expect(pods(e)).to.have.length(0);
  });

  it('foreground: the owner stays (finalizer foregroundDeletion) until its dependents are gone', () => {
    const e = withWeb();
    e.api.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Foreground' });
    e.runUntilQuiet();
    const d = e.store.get('deployments.apps', 'default', 'web');
    expect(d?.metadata.finalizers).to.deep.equal(['foregroundDeletion']);
    expect(d?.metadata.deletionTimestamp).to.be.a('string');
    e.settle();
    expect(e.store.get('deployments.apps', 'default', 'web')).to.equal(undefined);
    expect(e.store.list('replicasets.apps', 'default')).to.have.length(0);
    expect(pods(e)).to.have.length(0);
  });

  it('orphan: dependents survive without the ownerReference', () => {
    const e = withWeb();
    const rs = e.store.list('replicasets.apps', 'default')[0]!;
    e.api.delete('deployments.apps', 'default', 'web', { propagationPolicy: 'Orphan' });
    e.settle();
    expect(e.store.get('deployments.apps', 'default', 'web')).to.equal(undefined);
    const left = e.store.get('replicasets.apps', 'default', rs.metadata.name!);
    expect(left?.metadata.ownerReferences).to.equal(undefined);
    expect(pods(e).filter((p) => p.status?.phase === 'Running')).to.have.length(2);
  });

  it('replaces a deleted pod of a ReplicaSet', () => {
    const e = withWeb();
    const victim = pods(e)[0]!.metadata.name!;
    e.api.delete('pods', 'default', victim);
    e.settle();
    const names = pods(e).map((p) => p.metadata.name);
    expect(names).to.have.length(2);
    expect(names).to.not.include(victim);
  });
});
