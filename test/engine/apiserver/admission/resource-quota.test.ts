// ResourceQuota: admission refuses with upstream's `exceeded quota` and `must specify`
// messages, charges creates at once; the controller keeps status.hard/used current.
import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../../engine/api/meta.ts';
import { createResourceQuotaController } from '../../../../engine/controllers/resourcequota.ts';
import type { Engine } from '../../../../engine/engine.ts';
import { boot, deployment, fails, pod, service } from '../fixtures.ts';

type Rec = Record<string, any>;

function quota(hard: Rec, name = 'q', spec: Rec = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name }, spec: { hard, ...spec } } as KubeObject;
}

function withQuota(hard: Rec, spec: Rec = {}): Engine {
  const e = boot();
  e.host(createResourceQuotaController(e.store), 'kube-controller-manager');
  e.api.create('resourcequotas', 'default', quota(hard, 'q', spec));
  e.runUntilQuiet();
  return e;
}

function status(e: Engine, name = 'q'): Rec {
  return e.api.get('resourcequotas', 'default', name)['status'] as Rec;
}

const nginx = (resources: Rec = {}) => ({ name: 'nginx', image: 'nginx', resources });
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } }) as KubeObject;

describe('ResourceQuota admission and controller', () => {
  it('starts with an empty status, then the controller fills hard and used', () => {
    const e = boot();
    expect(e.api.create('resourcequotas', 'default', quota({ pods: 2, cpu: '1', memory: '1G' })).object['status']).to.deep.equal({});
    e.host(createResourceQuotaController(e.store), 'kube-controller-manager');
    e.runUntilQuiet();
    expect(status(e)).to.deep.equal({ hard: { cpu: '1', memory: '1G', pods: '2' }, used: { cpu: '0', memory: '0', pods: '0' } });
  });

  it('refuses the pod that would exceed a pod count', () => {
    const e = withQuota({ pods: '2' });
    e.api.create('pods', 'default', pod('a'));
    e.api.create('pods', 'default', pod('b'));
    const err = fails(() => e.api.create('pods', 'default', pod('x')));
    expect(err.status.code).to.equal(403);
    expect(err.message).to.equal('pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
  });

  it('charges accepted creates at once, before the controller runs', () => {
    const e = withQuota({ pods: '5' });
    e.api.create('pods', 'default', pod('a'));
    expect(status(e).used).to.deep.equal({ pods: '1' });
  });

  it('requires explicit compute resources when a quota covers them', () => {
    const e = withQuota({ 'limits.cpu': '2', 'limits.memory': '2Gi' });
    expect(fails(() => e.api.create('pods', 'default', pod('x', { containers: [nginx()] }))).message).to.equal(
      'pods "x" is forbidden: failed quota: q: must specify limits.cpu for: nginx; limits.memory for: nginx',
    );
  });

  it('lists every container missing a resource', () => {
    const e = withQuota({ 'requests.cpu': '2' });
    const p = pod('x', { containers: [{ ...nginx(), name: 'b' }, { ...nginx(), name: 'a' }] });
    expect(fails(() => e.api.create('pods', 'default', p)).message).to.equal('pods "x" is forbidden: failed quota: q: must specify requests.cpu for: a,b');
  });

  it('sums requests and limits and names every exceeded resource', () => {
    const e = withQuota({ 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2' });
    const big = nginx({ requests: { cpu: '600m', memory: '512Mi' }, limits: { cpu: '1' } });
    e.api.create('pods', 'default', pod('a', { containers: [big] }));
    expect(status(e).used).to.deep.equal({ 'limits.cpu': '1', 'requests.cpu': '600m', 'requests.memory': '512Mi' });
    expect(fails(() => e.api.create('pods', 'default', pod('b', { containers: [big] }))).message).to.equal(
      'pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
  });

  it('counts deployments, services, configmaps and secrets', () => {
    const e = withQuota({ 'count/deployments.apps': '1', services: '1', configmaps: '1', 'count/secrets': '0' });
    e.api.create('deployments.apps', 'default', deployment('web'));
    expect(fails(() => e.api.create('deployments.apps', 'default', deployment('api'))).message).to.equal(
      'deployments.apps "api" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    e.api.create('services', 'default', service('web'));
    expect(fails(() => e.api.create('services', 'default', service('api'))).message).to.equal(
      'services "api" is forbidden: exceeded quota: q, requested: services=1, used: services=1, limited: services=1',
    );
    e.api.create('configmaps', 'default', cm('a'));
    expect(fails(() => e.api.create('configmaps', 'default', cm('b'))).message).to.equal(
      'configmaps "b" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    );
    expect(fails(() => e.api.create('secrets', 'default', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } } as KubeObject)).message).to.equal(
      'secrets "s" is forbidden: exceeded quota: q, requested: count/secrets=1, used: count/secrets=0, limited: count/secrets=0',
    );
  });

  it('counts node ports and load balancers of services', () => {
    const e = withQuota({ 'services.nodeports': '1', 'services.loadbalancers': '0' });
    expect(fails(() => e.api.create('services', 'default', service('web', { type: 'NodePort', ports: [{ port: 80, name: 'a' }, { port: 81, name: 'b' }] }))).message).to.equal(
      'services "web" is forbidden: exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1',
    );
    expect(fails(() => e.api.create('services', 'default', service('lb', { type: 'LoadBalancer' }))).message).to.equal(
      'services "lb" is forbidden: exceeded quota: q, requested: services.loadbalancers=1, used: services.loadbalancers=0, limited: services.loadbalancers=0',
    );
  });

  it('gives usage back when objects are deleted', () => {
    const e = withQuota({ pods: '1' });
    e.api.create('pods', 'default', pod('a'));
    e.api.delete('pods', 'default', 'a');
    e.runUntilQuiet();
    expect(status(e).used).to.deep.equal({ pods: '0' });
    expect(e.api.create('pods', 'default', pod('b')).object.metadata.name).to.equal('b');
  });

  it('does not charge finished pods', () => {
    const e = withQuota({ pods: '1', 'count/pods': '5' });
    const a = e.api.create('pods', 'default', pod('a')).object;
    e.api.updateStatus('pods', { ...structuredClone(a), status: { phase: 'Succeeded' } } as KubeObject);
    e.runUntilQuiet();
    expect(status(e).used).to.deep.equal({ 'count/pods': '1', pods: '0' });
  });

  it('does not charge dry runs', () => {
    const e = withQuota({ pods: '1' });
    e.api.create('pods', 'default', pod('a'), { dryRun: true });
    expect(status(e).used).to.deep.equal({ pods: '0' });
  });

  it('recounts when the quota changes', () => {
    const e = withQuota({ pods: '5' });
    e.api.create('pods', 'default', pod('a'));
    const q = structuredClone(e.api.get('resourcequotas', 'default', 'q')) as Rec;
    q.spec.hard = { pods: '5', configmaps: '3' };
    e.api.update('resourcequotas', q as KubeObject);
    e.runUntilQuiet();
    expect(status(e)).to.deep.equal({ hard: { configmaps: '3', pods: '5' }, used: { configmaps: '0', pods: '1' } });
  });

  it('applies scoped quotas only to the pods they select', () => {
    const e = withQuota({ pods: '0' }, { scopes: ['BestEffort'] });
    expect(fails(() => e.api.create('pods', 'default', pod('x'))).message).to.equal(
      'pods "x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0',
    );
    expect(e.api.create('pods', 'default', pod('y', { containers: [nginx({ requests: { cpu: '100m' } })] })).object.metadata.name).to.equal('y');
  });

  it('is enforced only once its status is known (as right after create upstream)', () => {
    const e = boot();
    e.api.create('resourcequotas', 'default', quota({ pods: '0' }));
    expect(e.api.create('pods', 'default', pod('a')).object.metadata.name).to.equal('a');
  });

  it('refuses unknown names and negative or fractional counts', () => {
    const e = boot();
    expect(fails(() => e.api.create('resourcequotas', 'default', quota({ foo: '1' }))).message).to.equal(
      'ResourceQuota "q" is invalid: spec.hard[foo]: Invalid value: "foo": must be a standard resource for quota',
    );
    expect(fails(() => e.api.create('resourcequotas', 'default', quota({ pods: '-1' }))).message).to.equal(
      'ResourceQuota "q" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0',
    );
    expect(fails(() => e.api.create('resourcequotas', 'default', quota({ pods: '1500m' }))).message).to.equal(
      'ResourceQuota "q" is invalid: spec.hard[pods]: Invalid value: "1500m": must be an integer',
    );
  });

  it('stops a Deployment scale-up at the quota (the ReplicaSet sees the Forbidden error)', () => {
    const e = withQuota({ pods: '2' });
    for (const n of ['a', 'b']) e.api.create('pods', 'default', pod(n));
    const p = pod('', {}, { generateName: 'web-7c5ddbdf54-' });
    expect(fails(() => e.api.create('pods', 'default', p)).message).to.match(
      /^pods "web-7c5ddbdf54-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$/,
    );
  });
});
