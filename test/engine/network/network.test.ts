import { expect } from '@open-wc/testing';
import type { Pod, Service } from '../../../engine/api/core-v1.ts';
import { setNodeComponent } from '../../../engine/components/control-plane.ts';
import type { Engine } from '../../../engine/engine.ts';
import { dial } from '../../../engine/network/dial.ts';
import { queryA, resolveHost } from '../../../engine/network/dns.ts';
import { httpFetch, parseURL } from '../../../engine/network/http.ts';
import { readRules } from '../../../engine/network/kube-proxy.ts';
import { vipKey } from '../../../engine/network/proxy-rules.ts';
import { readTraffic } from '../../../engine/network/traffic.ts';
import { cluster, deployment } from '../cluster/fixtures.ts';

function setup(replicas = 3): { e: Engine; client: Pod; svc: Service } {
  const e = cluster();
  e.api.create('deployments.apps', 'default', deployment('web', replicas));
  e.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as Service);
  e.api.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'client', labels: { role: 'client' } }, spec: { nodeName: 'sandbox-worker', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } as Pod);
  e.settle();
  return { e, client: e.api.get<Pod>('pods', 'default', 'client'), svc: e.api.get<Service>('services', 'default', 'web') };
}

const get = (e: Engine, client: Pod, url: string) => httpFetch(e, { kind: 'pod', pod: client }, parseURL(url)!, { userAgent: 'Wget' });

describe('CoreDNS', () => {
  it('answers Service, headless, pod and search-list names', () => {
    const { e, client, svc } = setup(1);
    expect(queryA(e, 'web.default.svc.cluster.local')).to.deep.equal({ rcode: 'NOERROR', name: 'web.default.svc.cluster.local', a: [svc.spec.clusterIP] });
    expect(queryA(e, 'web.svc.cluster.local').rcode).to.equal('NXDOMAIN');
    expect(queryA(e, 'example.com').rcode).to.equal('NXDOMAIN');
    expect(queryA(e, '10-244-1-7.default.pod.cluster.local').a).to.deep.equal(['10.244.1.7']);
    expect(resolveHost(e, { kind: 'pod', pod: client }, 'web')).to.deep.equal({ fqdn: 'web.default.svc.cluster.local', addresses: [svc.spec.clusterIP] });
    expect(resolveHost(e, { kind: 'pod', pod: client }, 'web.default')).to.deep.equal({ fqdn: 'web.default.svc.cluster.local', addresses: [svc.spec.clusterIP] });
    expect(resolveHost(e, { kind: 'pod', pod: client }, 'kubernetes.default.svc.cluster.local')).to.deep.equal({ fqdn: 'kubernetes.default.svc.cluster.local', addresses: ['10.96.0.1'] });
    expect(resolveHost(e, { kind: 'pod', pod: client }, 'nope')).to.equal('notfound');
    expect(resolveHost(e, { kind: 'host' }, 'web')).to.equal('notfound');
  });

  it('times out when no CoreDNS pod runs behind kube-dns', () => {
    const { e, client } = setup(1);
    const d = structuredClone(e.api.get('deployments.apps', 'kube-system', 'coredns'));
    (d['spec'] as { replicas: number }).replicas = 0;
    e.api.update('deployments.apps', d);
    e.settle();
    expect(resolveHost(e, { kind: 'pod', pod: client }, 'web')).to.equal('timeout');
  });
});

describe('kube-proxy and traffic', () => {
  it('spreads requests to a ClusterIP over the ready endpoints and counts them', () => {
    const { e, client } = setup(3);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const r = get(e, client, 'http://web/');
      expect(r.ok).to.equal(true);
      if (r.ok) expect(r.response.body).to.contain('<title>Welcome to nginx!</title>');
    }
    const t = readTraffic(e);
    for (const k of Object.keys(t.pods)) seen.add(k);
    expect(seen.size).to.equal(3);
    expect(Object.values(t.pods).reduce((a, b) => a + b, 0)).to.equal(30);
    expect(Object.keys(t.edges).every((k) => k.startsWith('default/web>web-'))).to.equal(true);
  });

  it('refuses connections to a Service without endpoints and to closed ports; drops unknown IPs', () => {
    const { e, client, svc } = setup(1);
    const d = structuredClone(e.api.get('deployments.apps', 'default', 'web'));
    (d['spec'] as { replicas: number }).replicas = 0;
    e.api.update('deployments.apps', d);
    e.settle();
    expect(dial(e, { kind: 'pod', pod: client }, svc.spec.clusterIP!, 80)).to.deep.equal({ ok: false, error: 'refused' });
    expect(dial(e, { kind: 'pod', pod: client }, '10.244.9.9', 80)).to.deep.equal({ ok: false, error: 'timeout' });
    expect(dial(e, { kind: 'pod', pod: client }, client.status!.podIP!, 80)).to.deep.equal({ ok: false, error: 'refused' });
  });

  it("keeps a node's rules stale while its kube-proxy is stopped", () => {
    const { e, svc } = setup(1);
    const key = vipKey(svc.spec.clusterIP!, 80);
    expect(readRules(e, 'sandbox-worker')!.vips[key]!.endpoints).to.have.length(1);
    setNodeComponent(e, 'kube-proxy/sandbox-worker', 'stop');
    e.runUntilQuiet();
    const d = structuredClone(e.api.get('deployments.apps', 'default', 'web'));
    (d['spec'] as { replicas: number }).replicas = 3;
    e.api.update('deployments.apps', d);
    e.settle();
    expect(readRules(e, 'sandbox-worker')!.vips[key]!.endpoints).to.have.length(1);
    expect(readRules(e, 'sandbox-worker2')!.vips[key]!.endpoints).to.have.length(3);
    setNodeComponent(e, 'kube-proxy/sandbox-worker', 'start');
    e.settle();
    expect(readRules(e, 'sandbox-worker')!.vips[key]!.endpoints).to.have.length(3);
  });

  it('reaches a NodePort on any node address from the learner machine', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 1));
    e.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080 }] } } as Service);
    e.settle();
    for (const ip of ['172.18.0.2', '172.18.0.3', '172.18.0.4']) {
      const r = httpFetch(e, { kind: 'host' }, parseURL(`http://${ip}:30080/`)!, { userAgent: 'curl/8.5.0' });
      expect(r.ok, ip).to.equal(true);
    }
    expect(httpFetch(e, { kind: 'host' }, parseURL('http://172.18.0.3:30081/')!, { userAgent: 'curl/8.5.0' })).to.include({ ok: false, error: 'refused' });
  });

  it('appends the nginx access log line to the serving container', () => {
    const { e, client } = setup(1);
    get(e, client, 'http://web/');
    const pod = (e.store.list('pods', 'default') as Pod[]).find((p) => p.metadata.name!.startsWith('web-'))!;
    const log = e.store.getRecord<string>(`logs/${pod.metadata.uid}/nginx`)!;
    expect(log.trimEnd().split('\n').pop()).to.match(/^10\.244\.1\.\d+ - - \[01\/Jan\/2025:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"$/);
  });
});

describe('NetworkPolicy', () => {
  it('denies by default once a policy selects the pod, allows matching peers and ports', () => {
    const { e, client } = setup(1);
    const policy = (name: string, spec: Record<string, unknown>) => e.api.create('networkpolicies.networking.k8s.io', 'default', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
    policy('deny', { podSelector: { matchLabels: { app: 'web' } } });
    expect(get(e, client, 'http://web/')).to.include({ ok: false, error: 'timeout' });
    policy('allow-client', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }] });
    expect(get(e, client, 'http://web/').ok).to.equal(true);
    e.api.delete('networkpolicies.networking.k8s.io', 'default', 'allow-client');
    policy('allow-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } }] }] });
    expect(get(e, client, 'http://web/')).to.include({ ok: false, error: 'timeout' });
    policy('egress-deny', { podSelector: { matchLabels: { role: 'client' } }, policyTypes: ['Egress'] });
    expect(get(e, client, 'http://web/')).to.include({ ok: false, error: 'dnstimeout' });
  });
});

describe('traffic generator', () => {
  it('sends rps requests per virtual second to the Service and stops on 0', async () => {
    const { setGenerator, generatorState } = await import('../../../engine/network/traffic-generator.ts');
    const { e } = setup(2);
    setGenerator(e, { namespace: 'default', service: 'web' }, 10);
    e.advance(2000);
    const g = generatorState(e)!;
    expect(g.ok + g.failed).to.be.within(19, 23);
    expect(g.failed).to.equal(0);
    const t = readTraffic(e);
    expect(Object.keys(t.edges)).to.have.length(2);
    setGenerator(e, undefined, 0);
    const before = generatorState(e)!.ok;
    e.advance(2000);
    expect(generatorState(e)!.ok).to.equal(before);
    expect(e.settle()).to.be.below(60_000);
  });
});
