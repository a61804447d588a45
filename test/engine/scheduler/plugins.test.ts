import { expect } from '@open-wc/testing';
import type { Node, Pod } from '../../../engine/api/core-v1.ts';
import type { Cycle, FilterPlugin, NodeInfo, ScorePlugin } from '../../../engine/scheduler/framework.ts';
import { fitErrorMessage } from '../../../engine/scheduler/failure-message.ts';
import { plugin as interPodAffinity } from '../../../engine/scheduler/plugins/inter-pod-affinity.ts';
import { plugin as nodeAffinity } from '../../../engine/scheduler/plugins/node-affinity.ts';
import { plugin as nodeName } from '../../../engine/scheduler/plugins/node-name.ts';
import { plugin as nodePorts } from '../../../engine/scheduler/plugins/node-ports.ts';
import { plugin as nodeResourcesFit } from '../../../engine/scheduler/plugins/node-resources-fit.ts';
import { plugin as nodeUnschedulable } from '../../../engine/scheduler/plugins/node-unschedulable.ts';
import { plugin as podTopologySpread } from '../../../engine/scheduler/plugins/pod-topology-spread.ts';
import { plugin as taintToleration } from '../../../engine/scheduler/plugins/taint-toleration.ts';
import { plugin as volumeBinding } from '../../../engine/scheduler/plugins/volume-binding.ts';
import { numFeasibleNodesToFind } from '../../../engine/scheduler/scheduler.ts';
import { Store } from '../../../engine/store/store.ts';

const node = (name: string, labels: Record<string, string> = {}, spec: Partial<Node['spec']> = {}): Node =>
  ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } }) as Node;
const info = (n: Node, cpu = 0, usedPorts?: string[]): NodeInfo => ({
  node: n,
  allocatable: { cpu: 4000, memory: 8 * 2 ** 30, 'ephemeral-storage': 0, pods: 110 },
  requested: { cpu, memory: 0, 'ephemeral-storage': 0, pods: 0 },
  nonZeroRequested: { cpu, memory: 0 },
  ...(usedPorts ? { usedPorts: new Set(usedPorts) } : {}),
});
const pod = (name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}, nodeName?: string): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName ? { nodeName } : {}), ...spec }, status: { phase: 'Running' } }) as Pod;
function cycle(nodes: Node[], bound: Pod[] = []): Cycle {
  return { store: new Store(), nodes, podsOn: (n) => bound.filter((p) => p.spec.nodeName === n), boundPods: () => bound, memo: new Map() };
}
const reasons = (s: { code: string; reasons?: string[] }) => (s.code === 'Success' ? [] : s.reasons);

describe('scheduler plugins: exact reasons', () => {
  it('NodeUnschedulable', () => {
    expect(reasons((nodeUnschedulable as FilterPlugin).filter(pod('p'), info(node('n', {}, { unschedulable: true })), cycle([])))).to.deep.equal(['node(s) were unschedulable']);
  });
  it('NodeName', () => {
    expect(reasons((nodeName as FilterPlugin).filter(pod('p', { nodeName: 'other' }), info(node('n')), cycle([])))).to.deep.equal(["node(s) didn't match the requested node name"]);
  });
  it('TaintToleration: untolerated taint, empty value printed as {key: }', () => {
    const n = node('n', {}, { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    expect(reasons((taintToleration as FilterPlugin).filter(pod('p'), info(n), cycle([])))).to.deep.equal(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    const tol = pod('p', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    expect((taintToleration as FilterPlugin).filter(tol, info(n), cycle([])).code).to.equal('Success');
  });
  it('NodeAffinity: selector and required terms; preferred terms score', () => {
    const a = node('a', { disk: 'ssd' });
    const b = node('b');
    expect(reasons((nodeAffinity as FilterPlugin).filter(pod('p', { nodeSelector: { disk: 'ssd' } }), info(b), cycle([])))).to.deep.equal(["node(s) didn't match Pod's node affinity/selector"]);
    const pref = pod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } } });
    const out = new Float64Array(2);
    (nodeAffinity as ScorePlugin).scoreAll(pref, [info(a), info(b)], cycle([a, b]), out);
    expect([...out]).to.deep.equal([100, 0]);
  });
  it('NodePorts', () => {
    const p = pod('p', { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }] });
    expect(reasons((nodePorts as FilterPlugin).filter(p, info(node('n'), 0, ['TCP/0.0.0.0/8080']), cycle([])))).to.deep.equal(["node(s) didn't have free ports for the requested pod ports"]);
    expect((nodePorts as FilterPlugin).filter(p, info(node('n'), 0, ['UDP/0.0.0.0/8080']), cycle([])).code).to.equal('Success');
  });
  it('NodeResourcesFit: Insufficient cpu', () => {
    const p = pod('p', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '2' } } }] });
    expect(reasons((nodeResourcesFit as FilterPlugin).filter(p, info(node('n'), 3000), cycle([])))).to.deep.equal(['Insufficient cpu']);
  });
  it('VolumeBinding: a missing claim fails PreFilter with its name', () => {
    const p = pod('p', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] });
    expect(reasons((volumeBinding as FilterPlugin).preFilter!(p, cycle([]))!)).to.deep.equal(['persistentvolumeclaim "data" not found']);
    expect(fitErrorMessage(3, [], 'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.', 'persistentvolumeclaim "data" not found'))
      .to.equal('0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..');
  });
  it('PodTopologySpread: skew and missing label', () => {
    const a = node('a', { zone: 'z1' });
    const b = node('b', { zone: 'z2' });
    const c = node('c');
    const spec = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'w' } } }] };
    const bound = [pod('x', {}, { app: 'w' }, 'a')];
    const p = pod('p', spec, { app: 'w' });
    const cy = cycle([a, b, c], bound);
    expect(reasons((podTopologySpread as FilterPlugin).filter(p, info(a), cy))).to.deep.equal(["node(s) didn't match pod topology spread constraints"]);
    expect((podTopologySpread as FilterPlugin).filter(p, info(b), cy).code).to.equal('Success');
    expect(reasons((podTopologySpread as FilterPlugin).filter(p, info(c), cy))).to.deep.equal(["node(s) didn't match pod topology spread constraints (missing required label)"]);
  });
  it('InterPodAffinity: affinity, anti-affinity, existing anti-affinity', () => {
    const a = node('a');
    const b = node('b');
    const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
    const db = pod('db', {}, { app: 'db' }, 'a');
    const wantDb = pod('p', { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } });
    expect(reasons((interPodAffinity as FilterPlugin).filter(wantDb, info(b), cycle([a, b], [db])))).to.deep.equal(["node(s) didn't match pod affinity rules"]);
    const avoidDb = pod('p', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } });
    expect(reasons((interPodAffinity as FilterPlugin).filter(avoidDb, info(a), cycle([a, b], [db])))).to.deep.equal(["node(s) didn't match pod anti-affinity rules"]);
    const hater = pod('h', { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } }, {}, 'a');
    const cy = cycle([a, b], [hater]);
    cy.memo.set('antiAffinityPods', () => [hater]);
    expect(reasons((interPodAffinity as FilterPlugin).filter(pod('w', {}, { app: 'web' }), info(a), cy))).to.deep.equal(["node(s) didn't satisfy existing pods anti-affinity rules"]);
  });
  it('percentageOfNodesToScore', () => {
    expect(numFeasibleNodesToFind(3)).to.equal(3);
    expect(numFeasibleNodesToFind(5000)).to.equal(500);
    expect(numFeasibleNodesToFind(100)).to.equal(100);
  });
});
