import { expect } from '@open-wc/testing';
import type { Pod, Service } from '../../../engine/api/core-v1.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';
import type { EndpointSlice } from '../../../engine/controllers/endpointslice.ts';
import { setComponent } from '../../../engine/components/control-plane.ts';
import type { Engine } from '../../../engine/engine.ts';
import { cluster, deployment } from '../cluster/fixtures.ts';

const SLICES = 'endpointslices.discovery.k8s.io';

function service(name: string, spec: Partial<Service['spec']>): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: { team: 'a' } }, spec: { ports: [{ port: 80 }], ...spec } } as Service;
}

function slices(e: Engine, svc: string): EndpointSlice[] {
  return (e.store.list(SLICES, 'default') as EndpointSlice[]).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc);
}

describe('endpoints and endpointslice controllers', () => {
  it('give a selecting Service an Endpoints object and a <svc>-<5> slice with v1.32 labels', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 2));
    e.api.create('services', 'default', service('web', { selector: { app: 'web' } }));
    e.settle();
    const ep = e.api.get('endpoints', 'default', 'web');
    const ips = (e.store.list('pods', 'default') as Pod[]).map((p) => p.status!.podIP!).sort();
    const subsets = ep['subsets'] as { addresses: { ip: string; nodeName: string; targetRef: { kind: string } }[]; ports: unknown[] }[];
    expect(subsets).to.have.length(1);
    expect(subsets[0]!.addresses.map((a) => a.ip)).to.deep.equal(ips);
    expect(subsets[0]!.addresses[0]!.targetRef.kind).to.equal('Pod');
    expect(subsets[0]!.ports).to.deep.equal([{ port: 80, protocol: 'TCP' }]);
    expect(ep.metadata.labels).to.deep.equal({ team: 'a' });
    const [s, ...rest] = slices(e, 'web');
    expect(rest).to.have.length(0);
    expect(s!.metadata.name).to.match(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s!.metadata.labels).to.deep.equal({ team: 'a', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' });
    expect(s!.metadata.ownerReferences?.[0]).to.include({ kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(s!.addressType).to.equal('IPv4');
    expect(s!.ports).to.deep.equal([{ name: '', port: 80, protocol: 'TCP' }]);
    expect(s!.endpoints!.map((x) => x.conditions)).to.deep.equal([
      { ready: true, serving: true, terminating: false },
      { ready: true, serving: true, terminating: false },
    ]);
  });

  it('keeps an empty placeholder slice and no subsets when nothing is selected', () => {
    const e = cluster();
    e.api.create('services', 'default', service('none', { selector: { app: 'nothing' } }));
    e.settle();
    expect(e.api.get('endpoints', 'default', 'none')['subsets']).to.equal(undefined);
    const [s] = slices(e, 'none');
    expect(s!.endpoints).to.equal(undefined);
    expect(s!.ports).to.equal(undefined);
  });

  it('leaves Services without a selector alone, and removes Endpoints with their Service', () => {
    const e = cluster();
    e.api.create('services', 'default', service('manual', {}));
    e.settle();
    expect(e.api.tryGet('endpoints', 'default', 'manual')).to.equal(undefined);
    expect(slices(e, 'manual')).to.have.length(0);
    e.api.create('services', 'default', service('web', { selector: { app: 'web' } }));
    e.settle();
    e.api.delete('services', 'default', 'web');
    e.settle();
    expect(e.api.tryGet('endpoints', 'default', 'web')).to.equal(undefined);
    expect(slices(e, 'web')).to.have.length(0);
  });

  it('lists not-ready pods under notReadyAddresses, or as ready with publishNotReadyAddresses', () => {
    const e = cluster();
    const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }) as Pod;
    e.api.create('pods', 'default', pod('p'));
    e.settle();
    // Mark the pod not ready, as a failing readiness probe would.
    const p = structuredClone(e.api.get<Pod>('pods', 'default', 'p'));
    p.status!.conditions = p.status!.conditions!.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
    e.api.updateStatus('pods', p as KubeObject);
    e.api.create('services', 'default', service('x', { selector: { app: 'x' } }));
    e.api.create('services', 'default', service('pub', { selector: { app: 'x' }, publishNotReadyAddresses: true }));
    e.runUntilQuiet();
    const sub = (name: string) => (e.api.get('endpoints', 'default', name)['subsets'] as Record<string, unknown>[])[0]!;
    expect(sub('x')['addresses']).to.equal(undefined);
    expect((sub('x')['notReadyAddresses'] as { ip: string }[])[0]!.ip).to.equal(p.status!.podIP);
    expect((sub('pub')['addresses'] as { ip: string }[])[0]!.ip).to.equal(p.status!.podIP);
    expect(slices(e, 'x')[0]!.endpoints![0]!.conditions).to.deep.equal({ ready: false, serving: false, terminating: false });
    expect(slices(e, 'pub')[0]!.endpoints![0]!.conditions).to.deep.equal({ ready: true, serving: false, terminating: false });
  });

  it('drops terminating pods from Endpoints but keeps them in slices as terminating', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 1));
    e.api.create('services', 'default', service('web', { selector: { app: 'web' } }));
    e.settle();
    const name = (e.store.list('pods', 'default')[0] as Pod).metadata.name!;
    e.api.delete('pods', 'default', name);
    e.runUntilQuiet();
    const ep = e.api.get('endpoints', 'default', 'web');
    const ips = ((ep['subsets'] as { addresses?: { targetRef: { name: string } }[] }[] | undefined) ?? []).flatMap((s) => s.addresses ?? []).map((a) => a.targetRef.name);
    expect(ips).to.not.include(name);
    const term = slices(e, 'web')[0]!.endpoints!.find((x) => x.targetRef.name === name);
    expect(term?.conditions).to.deep.equal({ ready: false, serving: true, terminating: true });
  });

  it('resolves named target ports per pod and skips pods without the port', () => {
    const e = cluster();
    const pod = (name: string, ports: { containerPort: number; name?: string }[]) =>
      ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'n' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports }] } }) as Pod;
    e.api.create('pods', 'default', pod('a', [{ containerPort: 8080, name: 'http' }]));
    e.api.create('pods', 'default', pod('b', [{ containerPort: 80 }]));
    e.api.create('services', 'default', service('n', { selector: { app: 'n' }, ports: [{ port: 80, targetPort: 'http' }] }));
    e.settle();
    const subsets = e.api.get('endpoints', 'default', 'n')['subsets'] as { addresses: { targetRef: { name: string } }[]; ports: { port: number }[] }[];
    expect(subsets.map((s) => [s.addresses.map((a) => a.targetRef.name), s.ports.map((p) => p.port)])).to.deep.equal([[['a'], [8080]]]);
  });

  it('gives the kubernetes Service the API server address', () => {
    const e = cluster();
    expect(e.api.get('endpoints', 'default', 'kubernetes')['subsets']).to.deep.equal([{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    expect(e.api.get(SLICES, 'default', 'kubernetes')['endpoints']).to.deep.equal([{ addresses: ['172.18.0.2'], conditions: { ready: true } }]);
  });
});

describe('service controller (cloud-controller-manager)', () => {
  it('assigns LoadBalancer IPs from 172.18.255.200 a moment after creation, with events', () => {
    const e = cluster();
    e.api.create('services', 'default', service('lb', { type: 'LoadBalancer', selector: { app: 'web' } }));
    e.runUntilQuiet();
    expect(e.api.get<Service>('services', 'default', 'lb').status?.loadBalancer?.ingress).to.equal(undefined);
    e.advance(2000);
    expect(e.api.get<Service>('services', 'default', 'lb').status?.loadBalancer?.ingress).to.deep.equal([{ ip: '172.18.255.200', ipMode: 'VIP' }]);
    e.api.create('services', 'default', service('lb2', { type: 'LoadBalancer', selector: { app: 'web' } }));
    e.advance(2000);
    expect(e.api.get<Service>('services', 'default', 'lb2').status?.loadBalancer?.ingress?.[0]?.ip).to.equal('172.18.255.201');
    const reasons = (e.store.list('events', 'default') as KubeObject[]).filter((x) => (x['involvedObject'] as { name: string }).name === 'lb').map((x) => x['reason']);
    expect(reasons).to.deep.equal(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  });

  it('leaves EXTERNAL-IP pending while the cloud-controller-manager is stopped', () => {
    const e = cluster();
    setComponent(e, 'cloud-controller-manager', 'stop');
    e.runUntilQuiet();
    e.api.create('services', 'default', service('lb', { type: 'LoadBalancer', selector: { app: 'web' } }));
    e.advance(60_000);
    expect(e.api.get<Service>('services', 'default', 'lb').status?.loadBalancer?.ingress).to.equal(undefined);
    setComponent(e, 'cloud-controller-manager', 'start');
    e.advance(10_000);
    expect(e.api.get<Service>('services', 'default', 'lb').status?.loadBalancer?.ingress?.[0]?.ip).to.equal('172.18.255.200');
  });
});
