// Namespace deletion: Terminating, no new content, the namespace controller empties it, then it
// goes away.
import { expect } from '@open-wc/testing';
import { createNamespaceController } from '../../../engine/controllers/namespace.ts';
import { boot, deployment, fails } from './fixtures.ts';

describe('Namespace lifecycle', () => {
  it('terminates, refuses new content, empties and removes a namespace', () => {
    const e = boot();
    e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    e.api.create('configmaps', 'dev', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    e.api.create('deployments.apps', 'dev', deployment('web'));
    const ns = e.api.delete('namespaces', undefined, 'dev').object as any;
    expect(ns.status.phase).to.equal('Terminating');
    expect(ns.metadata.deletionTimestamp).to.equal('2025-01-01T00:00:00Z');
    expect(fails(() => e.api.create('configmaps', 'dev', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).message).to.equal(
      'configmaps "x" is forbidden: unable to create new content in namespace dev because it is being terminated',
    );
    e.host(createNamespaceController(), 'kube-controller-manager');
    e.settle(60_000);
    expect(e.api.tryGet('namespaces', undefined, 'dev')).to.equal(undefined);
    expect(e.api.list('configmaps', 'dev')).to.deep.equal([]);
    expect(e.api.list('deployments.apps', 'dev')).to.deep.equal([]);
  });

  it('keeps default, kube-system and kube-public', () => {
    const e = boot();
    expect(fails(() => e.api.delete('namespaces', undefined, 'default')).message).to.equal('namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('does not let a client change spec.finalizers by update', () => {
    const e = boot();
    const ns = structuredClone(e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }).object) as any;
    ns.spec.finalizers = [];
    expect((e.api.update('namespaces', ns).object as any).spec.finalizers).to.deep.equal(['kubernetes']);
  });
});
