// The other plugins of the chain: NamespaceLifecycle, ServiceAccount, Priority,
// DefaultTolerationSeconds, and the chain's order.
import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../../engine/api/meta.ts';
import { admissionPluginNames } from '../../../../engine/apiserver/admission/plugins.ts';
import { boot, fails, pod } from '../fixtures.ts';

type Rec = Record<string, any>;

function pc(name: string, value: number, extra: Rec = {}): KubeObject {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra } as KubeObject;
}

describe('Admission chain', () => {
  it('runs the plugins in kube-apiserver order', () => {
    expect(admissionPluginNames()).to.deep.equal(['NamespaceLifecycle', 'LimitRanger', 'ServiceAccount', 'PodSecurity', 'Priority', 'DefaultTolerationSeconds', 'ResourceQuota']);
  });

  it('NamespaceLifecycle: a missing namespace is NotFound', () => {
    const e = boot();
    const err = fails(() => e.api.create('pods', 'nope', pod('x')));
    expect(err.status.code).to.equal(404);
    expect(err.message).to.equal('namespaces "nope" not found');
  });

  it('NamespaceLifecycle: immortal namespaces cannot be deleted', () => {
    const e = boot();
    expect(fails(() => e.api.delete('namespaces', undefined, 'kube-system')).message).to.equal('namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });

  it('ServiceAccount: names the default account and mounts the token', () => {
    const e = boot();
    const p = e.api.create('pods', 'default', pod('x')).object as Rec;
    expect(p.spec.serviceAccountName).to.equal('default');
    expect(p.spec.serviceAccount).to.equal('default');
    expect(p.spec.volumes[0].name).to.match(/^kube-api-access-[a-z0-9]{5}$/);
    expect(p.spec.containers[0].volumeMounts).to.deep.equal([{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: p.spec.volumes[0].name, readOnly: true }]);
  });

  it('ServiceAccount: a missing named account is Forbidden', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', pod('x', { serviceAccountName: 'robot' }))).message).to.equal(
      'pods "x" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
  });

  it('ServiceAccount: automountServiceAccountToken false mounts nothing', () => {
    const e = boot();
    const p = e.api.create('pods', 'default', pod('x', { automountServiceAccountToken: false })).object as Rec;
    expect(p.spec.volumes).to.equal(undefined);
  });

  it('DefaultTolerationSeconds: adds 300 s for not-ready and unreachable', () => {
    const e = boot();
    const p = e.api.create('pods', 'default', pod('x')).object as Rec;
    expect(p.spec.tolerations).to.deep.equal([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
  });

  it('DefaultTolerationSeconds: keeps a pod\'s own toleration', () => {
    const e = boot();
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 };
    const p = e.api.create('pods', 'default', pod('x', { tolerations: [own] })).object as Rec;
    expect(p.spec.tolerations).to.deep.equal([own, { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 }]);
  });

  it('Priority: no class means priority 0', () => {
    const e = boot();
    const p = e.api.create('pods', 'default', pod('x')).object as Rec;
    expect([p.spec.priority, p.spec.preemptionPolicy, p.spec.priorityClassName]).to.deep.equal([0, 'PreemptLowerPriority', undefined]);
  });

  it('Priority: resolves a named class', () => {
    const e = boot();
    e.api.create('priorityclasses.scheduling.k8s.io', undefined, pc('high', 1000, { preemptionPolicy: 'Never' }));
    const p = e.api.create('pods', 'default', pod('x', { priorityClassName: 'high' })).object as Rec;
    expect([p.spec.priority, p.spec.preemptionPolicy]).to.deep.equal([1000, 'Never']);
  });

  it('Priority: an unknown class is Forbidden', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', pod('x', { priorityClassName: 'x' }))).message).to.equal(
      'pods "x" is forbidden: no PriorityClass with name x was found',
    );
  });

  it('Priority: the globalDefault class applies to pods that name none', () => {
    const e = boot();
    e.api.create('priorityclasses.scheduling.k8s.io', undefined, pc('normal', 100, { globalDefault: true }));
    const p = e.api.create('pods', 'default', pod('x')).object as Rec;
    expect([p.spec.priorityClassName, p.spec.priority]).to.deep.equal(['normal', 100]);
  });

  it('Priority: only one globalDefault', () => {
    const e = boot();
    e.api.create('priorityclasses.scheduling.k8s.io', undefined, pc('normal', 100, { globalDefault: true }));
    expect(fails(() => e.api.create('priorityclasses.scheduling.k8s.io', undefined, pc('other', 5, { globalDefault: true }))).message).to.equal(
      'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist',
    );
  });

  it('Priority: a pod may not state a different priority', () => {
    const e = boot();
    expect(fails(() => e.api.create('pods', 'default', pod('x', { priority: 5 }))).message).to.equal(
      'pods "x" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });

  it('Priority: the built-in system classes resolve', () => {
    const e = boot();
    const p = e.api.create('pods', 'kube-system', pod('x', { priorityClassName: 'system-node-critical' })).object as Rec;
    expect(p.spec.priority).to.equal(2000001000);
  });

  it('PriorityClass validation: value bound, system prefix, immutability', () => {
    const e = boot();
    expect(fails(() => e.api.create('priorityclasses.scheduling.k8s.io', undefined, pc('huge', 2000000000))).message).to.equal(
      'PriorityClass.scheduling.k8s.io "huge" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    );
    expect(fails(() => e.api.create('priorityclasses.scheduling.k8s.io', undefined, pc('system-mine', 1))).message).to.equal(
      "PriorityClass.scheduling.k8s.io \"system-mine\" is invalid: metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    );
    const c = structuredClone(e.api.create('priorityclasses.scheduling.k8s.io', undefined, pc('high', 10)).object) as Rec;
    expect(c.preemptionPolicy).to.equal('PreemptLowerPriority');
    c.value = 11;
    expect(fails(() => e.api.update('priorityclasses.scheduling.k8s.io', c as KubeObject)).message).to.equal(
      'PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.',
    );
  });

  it('a refused create leaves the store as it was', () => {
    const e = boot();
    const before = JSON.stringify(e.store.dump());
    fails(() => e.api.create('pods', 'default', pod('x', { priorityClassName: 'x' })));
    expect(JSON.stringify(e.store.dump())).to.equal(before);
  });
});
