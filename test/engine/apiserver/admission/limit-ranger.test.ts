// LimitRanger: LimitRange defaults filled into pods, min/max/ratio refusals in upstream's words.
import { expect } from '@open-wc/testing';
import type { KubeObject } from '../../../../engine/api/meta.ts';
import { boot, fails, pod } from '../fixtures.ts';

type Rec = Record<string, any>;

function limitRange(limits: Rec[], name = 'lr'): KubeObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name }, spec: { limits } } as KubeObject;
}

function withResources(resources: Rec, name = 'x'): KubeObject {
  return pod(name, { containers: [{ name: 'nginx', image: 'nginx', resources }] });
}

describe('LimitRanger admission', () => {
  it('fills default limits and requests and records what it set', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '250m' } }]));
    const p = e.api.create('pods', 'default', withResources({})).object as Rec;
    expect(p.spec.containers[0].resources).to.deep.equal({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
    expect(p.metadata.annotations['kubernetes.io/limit-ranger']).to.equal(
      'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
    );
    expect(p.status.qosClass).to.equal('Burstable');
  });

  it('keeps what the container states (requests defaulted from its own limits first)', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }]));
    const p = e.api.create('pods', 'default', withResources({ limits: { cpu: '1' } })).object as Rec;
    expect(p.spec.containers[0].resources).to.deep.equal({ limits: { cpu: '1' }, requests: { cpu: '1' } });
    expect(p.metadata.annotations).to.equal(undefined);
  });

  it('defaults a LimitRange item: max becomes default, default becomes defaultRequest', () => {
    const e = boot();
    const lr = e.api.create('limitranges', 'default', limitRange([{ type: 'Container', max: { cpu: '1' }, min: { memory: '64Mi' } }])).object as Rec;
    expect(lr.spec.limits[0]).to.deep.equal({ type: 'Container', max: { cpu: '1' }, min: { memory: '64Mi' }, default: { cpu: '1' }, defaultRequest: { cpu: '1', memory: '64Mi' } });
  });

  it('refuses a container above the maximum', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', max: { cpu: '1' } }]));
    const err = fails(() => e.api.create('pods', 'default', withResources({ limits: { cpu: '2' } })));
    expect(err.status.code).to.equal(403);
    expect(err.status.reason).to.equal('Forbidden');
    expect(err.message).to.equal('pods "x" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });

  it('runs after the kind validation: a request above its own limit is Invalid, not Forbidden', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', max: { memory: '1Gi' } }]));
    expect(fails(() => e.api.create('pods', 'default', withResources({ requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }))).status.reason).to.equal('Invalid');
  });

  it('refuses a container below the minimum', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', min: { memory: '500Mi' } }]));
    expect(fails(() => e.api.create('pods', 'default', withResources({ requests: { memory: '100Mi' } }))).message).to.equal(
      'pods "x" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi',
    );
  });

  it('joins several violations as the aggregate error does', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', max: { cpu: '1', memory: '1Gi' } }]));
    expect(fails(() => e.api.create('pods', 'default', withResources({ limits: { cpu: '2', memory: '2Gi' } }))).message).to.equal(
      'pods "x" is forbidden: [maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    );
  });

  it('checks the limit/request ratio', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]));
    expect(fails(() => e.api.create('pods', 'default', withResources({ requests: { cpu: '100m' }, limits: { cpu: '1' } }))).message).to.equal(
      'pods "x" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 10.000000',
    );
    expect(fails(() => e.api.create('pods', 'default', withResources({}))).message).to.equal(
      'pods "x" is forbidden: cpu max limit to request ratio per Container is 2, but no request is specified or request is 0',
    );
  });

  it('sums containers for a Pod item', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Pod', max: { cpu: '1' } }]));
    const two = pod('x', {
      containers: [
        { name: 'a', image: 'nginx', resources: { limits: { cpu: '600m' } } },
        { name: 'b', image: 'nginx', resources: { limits: { cpu: '600m' } } },
      ],
    });
    expect(fails(() => e.api.create('pods', 'default', two)).message).to.equal('pods "x" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m');
  });

  it('says when no limit is given for a maximum', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Pod', max: { memory: '1Gi' } }]));
    expect(fails(() => e.api.create('pods', 'default', withResources({}))).message).to.equal(
      'pods "x" is forbidden: maximum memory usage per Pod is 1Gi.  No limit is specified',
    );
  });

  it('bounds PersistentVolumeClaim storage requests', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' }, min: { storage: '1Gi' } }]));
    const pvc = (size: string) =>
      ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } }) as KubeObject;
    expect(fails(() => e.api.create('persistentvolumeclaims', 'default', pvc('5Gi'))).message).to.equal(
      'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    );
    expect(fails(() => e.api.create('persistentvolumeclaims', 'default', pvc('500Mi'))).message).to.equal(
      'persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    );
    expect(e.api.create('persistentvolumeclaims', 'default', pvc('1Gi')).object.metadata.name).to.equal('data');
  });

  it('uses generated names in validation errors (pods from a ReplicaSet)', () => {
    const e = boot();
    e.api.create('limitranges', 'default', limitRange([{ type: 'Container', max: { cpu: '1' } }]));
    const p = withResources({ limits: { cpu: '2' } }, '');
    p.metadata = { generateName: 'web-7c5ddbdf54-' };
    expect(fails(() => e.api.create('pods', 'default', p)).message).to.match(/^pods "web-7c5ddbdf54-[a-z0-9]{5}" is forbidden: maximum cpu usage per Container is 1, but limit is 2$/);
  });

  it('does not touch pods in other namespaces', () => {
    const e = boot();
    e.api.create('limitranges', 'kube-system', limitRange([{ type: 'Container', max: { cpu: '1' } }]));
    expect(e.api.create('pods', 'default', withResources({ limits: { cpu: '2' } })).object.metadata.name).to.equal('x');
  });
});

describe('LimitRange validation', () => {
  it('refuses min above max with the Go-printed quantity', () => {
    const e = boot();
    expect(fails(() => e.api.create('limitranges', 'default', limitRange([{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }]))).message).to.equal(
      'LimitRange "lr" is invalid: [spec.limits[0].min[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"2", Format:"DecimalSI"}: min value 2 is greater than max value 1, ' +
        'spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"1", Format:"DecimalSI"}: min value 2 is greater than default request value 1, ' +
        'spec.limits[0].default[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"2", Format:"DecimalSI"}: min value 2 is greater than default value 1]',
    );
  });

  it('forbids defaults on a Pod item', () => {
    const e = boot();
    expect(fails(() => e.api.create('limitranges', 'default', limitRange([{ type: 'Pod', default: { cpu: '1' } }]))).message).to.equal(
      "LimitRange \"lr\" is invalid: spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
    );
  });

  it('refuses duplicate item types', () => {
    const e = boot();
    expect(fails(() => e.api.create('limitranges', 'default', limitRange([{ type: 'Pod' }, { type: 'Pod' }]))).message).to.equal(
      'LimitRange "lr" is invalid: spec.limits[1].type: Duplicate value: "Pod"',
    );
  });
});
