import { expect } from '@open-wc/testing';
import { Engine } from '../../../engine/engine.ts';
import { ApiError } from '../../../engine/apiserver/status.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';

function boot(): Engine {
  const e = new Engine({ seed: 1 });
  for (const name of ['default', 'kube-system']) e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return e;
}

function fails(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('ApiServer verbs', () => {
  it('fills uid, creationTimestamp and namespace on create', () => {
    const e = boot();
    const { object } = e.api.create('configmaps', 'default', cm('a'));
    expect(object.metadata.namespace).to.equal('default');
    expect(object.metadata.uid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(object.metadata.creationTimestamp).to.equal('2025-01-01T00:00:00Z');
  });

  it('answers AlreadyExists and NotFound in the server words', () => {
    const e = boot();
    const first = e.api.create('configmaps', 'default', cm('a')).object;
    const rv = e.store.resourceVersion();
    expect(fails(() => e.api.create('configmaps', 'default', cm('a'))).message).to.equal('configmaps "a" already exists');
    // Nothing written, no resourceVersion used.
    expect(e.store.resourceVersion()).to.equal(rv);
    expect(e.api.get('configmaps', 'default', 'a')).to.equal(first);
    expect(fails(() => e.api.get('deployments.apps', 'default', 'web')).message).to.equal('deployments.apps "web" not found');
    expect(fails(() => e.api.create('configmaps', 'nope', cm('a'))).message).to.equal('namespaces "nope" not found');
  });

  it('rejects a stale update with the optimistic-lock Conflict', () => {
    const e = boot();
    const first = e.api.create('configmaps', 'default', cm('a')).object;
    e.api.update('configmaps', { ...first, data: { x: '1' } });
    const err = fails(() => e.api.update('configmaps', { ...first, data: { x: '2' } }));
    expect(err.status.code).to.equal(409);
    expect(err.message).to.equal(
      'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('appends five characters of the Kubernetes alphabet to generateName', () => {
    const e = boot();
    const { object } = e.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'web-' } } as KubeObject);
    expect(object.metadata.name).to.match(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('validates names with the upstream message', () => {
    const e = boot();
    const err = fails(() => e.api.create('configmaps', 'default', cm('My_App')));
    expect(err.message).to.equal(
      `ConfigMap "My_App" is invalid: metadata.name: Invalid value: "My_App": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('keeps an object with finalizers until the last finalizer is removed', () => {
    const e = boot();
    e.api.create('configmaps', 'default', { ...cm('a'), metadata: { name: 'a', finalizers: ['example.com/hold'] } });
    const deleting = e.api.delete('configmaps', 'default', 'a').object;
    expect(deleting.metadata.deletionTimestamp).to.equal('2025-01-01T00:00:00Z');
    e.api.update('configmaps', { ...deleting, metadata: { ...deleting.metadata, finalizers: [] } });
    expect(e.api.tryGet('configmaps', 'default', 'a')).to.equal(undefined);
  });

  it('refuses to delete the immortal namespaces', () => {
    const e = boot();
    expect(fails(() => e.api.delete('namespaces', undefined, 'default')).message).to.equal(
      'namespaces "default" is forbidden: this namespace may not be deleted',
    );
  });

  it('bumps generation on spec changes only', () => {
    const e = boot();
    const d: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    };
    const created = e.api.create('deployments.apps', 'default', d).object;
    expect(created.metadata.generation).to.equal(1);
    const labelled: KubeObject = e.api.update('deployments.apps', { ...created, metadata: { ...created.metadata, labels: { app: 'web', x: 'y' } } } as KubeObject).object;
    expect(labelled.metadata.generation).to.equal(1);
    const scaled = e.api.update('deployments.apps', { ...labelled, spec: { ...(labelled['spec'] as object), replicas: 3 } } as KubeObject).object;
    expect(scaled.metadata.generation).to.equal(2);
  });
});

describe('Engine work loop', () => {
  it('runs a reconcile per watch event and honours requeueAfter on the virtual clock', () => {
    const e = boot();
    const seen: number[] = [];
    e.host(
      {
        name: 'test-controller',
        watches: [{ resource: 'configmaps' }],
        reconcile: (_key, cx) => {
          seen.push(cx.clock.elapsed());
          return seen.length < 3 ? { requeueAfter: 1000 } : undefined;
        },
      },
      'kube-controller-manager',
    );
    e.api.create('configmaps', 'default', cm('a'));
    const took = e.settle();
    expect(seen).to.deep.equal([0, 1000, 2000]);
    expect(took).to.equal(2000);
  });

  it('does nothing for a stopped component and resyncs when it starts again', () => {
    const e = boot();
    let n = 0;
    e.host({ name: 'c', watches: [{ resource: 'configmaps' }], reconcile: () => void n++ }, 'kube-controller-manager');
    e.setComponentPhase('kube-controller-manager', 'Stopped');
    e.api.create('configmaps', 'default', cm('a'));
    e.settle();
    expect(n).to.equal(0);
    e.setComponentPhase('kube-controller-manager', 'Running');
    e.settle();
    expect(n).to.be.greaterThan(0);
  });
});
