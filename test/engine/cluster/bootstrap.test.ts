import { expect } from '@open-wc/testing';
import type { Node, Pod } from '../../../engine/api/core-v1.ts';
import { addNode, removeNode } from '../../../engine/cluster/nodes.ts';
import { cluster, pods } from './fixtures.ts';

describe('bootstrapCluster', () => {
  const e = cluster();

  it('creates the four namespaces, Active and labelled', () => {
    const ns = e.store.list('namespaces');
    expect(ns.map((n) => n.metadata.name)).to.deep.equal(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const n of ns) expect(n.metadata.labels?.['kubernetes.io/metadata.name']).to.equal(n.metadata.name);
  });

  it('creates three kind nodes with capacity, taint, addresses and pod CIDRs', () => {
    const nodes = e.store.list('nodes') as Node[];
    expect(nodes.map((n) => n.metadata.name)).to.deep.equal(['sandbox-control-plane', 'sandbox-worker', 'sandbox-worker2']);
    const [cp, w1] = nodes;
    expect(cp!.spec.taints).to.deep.equal([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(cp!.metadata.labels?.['node-role.kubernetes.io/control-plane']).to.equal('');
    expect(w1!.spec.taints).to.equal(undefined);
    expect(w1!.status?.capacity?.['cpu']).to.equal('4');
    expect(w1!.status?.allocatable?.['pods']).to.equal('110');
    expect(w1!.status?.addresses).to.deep.equal([{ address: '172.18.0.3', type: 'InternalIP' }, { address: 'sandbox-worker', type: 'Hostname' }]);
    expect(nodes.map((n) => n.spec.podCIDR)).to.deep.equal(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    const ready = w1!.status?.conditions?.find((c) => c.type === 'Ready');
    expect([ready?.status, ready?.reason, ready?.message]).to.deep.equal(['True', 'KubeletReady', 'kubelet is posting ready status']);
    expect(w1!.status?.nodeInfo?.['osImage']).to.equal('Debian GNU/Linux 12 (bookworm)');
  });

  it('runs every system pod, with kind-like names', () => {
    const sys = pods(e, 'kube-system');
    const names = sys.map((p) => p.metadata.name!);
    for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) expect(names).to.include(`${c}-sandbox-control-plane`);
    expect(names.filter((n) => /^coredns-[4-9bcdf]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).to.have.length(2);
    expect(names.filter((n) => /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).to.have.length(3);
    for (const p of sys) {
      expect(p.status?.phase, p.metadata.name).to.equal('Running');
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status, p.metadata.name).to.equal('True');
    }
    const etcd = sys.find((p) => p.metadata.name === 'etcd-sandbox-control-plane')!;
    expect(etcd.metadata.ownerReferences?.[0]?.kind).to.equal('Node');
    expect(etcd.metadata.annotations?.['kubernetes.io/config.mirror']).to.be.a('string');
    expect(etcd.status?.podIP).to.equal('172.18.0.2');
  });

  it('creates the kubernetes and kube-dns Services and node Leases', () => {
    expect(e.store.get('services', 'default', 'kubernetes')?.['spec']).to.include({ clusterIP: '10.96.0.1' });
    expect(e.store.get('services', 'kube-system', 'kube-dns')?.['spec']).to.include({ clusterIP: '10.96.0.10' });
    expect(e.store.list('leases.coordination.k8s.io', 'kube-node-lease').map((l) => l.metadata.name)).to.have.length(3);
  });

  it('is deterministic: same seed, same dump', () => {
    expect(JSON.stringify(cluster(5).dump())).to.equal(JSON.stringify(cluster(5).dump()));
  });

  it('hosts a kubelet and a kube-proxy pod for an added node, and drops them on removal', () => {
    const c = cluster();
    addNode(c, 'extra', { cpu: '8', memory: '16Gi' });
    c.settle();
    expect(c.componentPhase('kubelet/extra')).to.equal('Running');
    const proxy = pods(c, 'kube-system').find((p: Pod) => p.spec.nodeName === 'extra');
    expect(proxy?.metadata.name).to.match(/^kube-proxy-/);
    expect(proxy?.status?.phase).to.equal('Running');
    removeNode(c, 'extra');
    c.settle();
    expect(c.componentPhases().has('kubelet/extra')).to.equal(false);
    expect(pods(c, 'kube-system').some((p: Pod) => p.spec.nodeName === 'extra')).to.equal(false);
  });

  it('restores from a dump and carries on', async () => {
    const { Engine } = await import('../../../engine/engine.ts');
    const { installComponents } = await import('../../../engine/cluster/cluster.ts');
    const d = e.dump();
    const r = new Engine({ seed: d.seed, epoch: d.clock.epoch });
    r.load(d);
    installComponents(r);
    expect(r.componentPhase('kubelet/sandbox-worker')).to.equal('Running');
    r.settle();
    expect(JSON.stringify(r.store.list('pods').map((p) => p.metadata.name))).to.equal(JSON.stringify(e.store.list('pods').map((p) => p.metadata.name)));
  });
});
