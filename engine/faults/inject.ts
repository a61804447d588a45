// Injecting and clearing the catalog's faults (catalog.ts) on an Engine: `sim fault inject|clear`
// and the page's Faults menu call these. Each fault either drives a component's lifecycle
// machine, changes cluster objects as an operator would, or is recorded in the active-fault
// record that the kubelet guard and the node status loop consult. Clearing undoes it and the
// cluster converges by itself.
import type { Node, Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { CONTROL_PLANE_LABEL, DEFAULT_CPU, DEFAULT_MEMORY, addNode, removeNode, setNodeKubelet, type AddNodeOptions } from '../cluster/nodes.ts';
import { nodeStatusName } from '../cluster/node-status.ts';
import { setComponent, setNodeComponent, type ControlPlaneComponent } from '../components/control-plane.ts';
import { lookupImage, parseImageRef } from '../containers/images.ts';
import type { Engine } from '../engine.ts';
import { podRecordKey, type PodRecord } from '../kubelet/kubelet.ts';
import { activeFaults, isActive, markActive, markCleared } from './active.ts';
import { FAULTS, faultById, type FaultDef } from './catalog.ts';
import { PARTITION, RUNTIME_DOWN, releaseHeld } from './kubelet-guard.ts';
import { resumeStatusManager } from './partition-heal.ts';

export class FaultError extends Error {}

const COMPONENT_OF: Record<string, ControlPlaneComponent> = {
  etcd: 'etcd', apiserver: 'kube-apiserver', 'controller-manager': 'kube-controller-manager', scheduler: 'kube-scheduler',
  'cloud-controller-manager': 'cloud-controller-manager',
};

/** `etcd-stopped` -> etcd + stop; `scheduler-crashloop` -> kube-scheduler + crash. */
function componentFault(id: string): { component: ControlPlaneComponent; mode: 'stop' | 'crash' } | undefined {
  const m = /^(.+)-(stopped|crashloop)$/.exec(id);
  const component = m && COMPONENT_OF[m[1]!];
  return component ? { component, mode: m[2] === 'stopped' ? 'stop' : 'crash' } : undefined;
}

/** Schedules the node's status loop (the kubelet's next status update / eviction pass). */
function statusUpdate(engine: Engine, node: string, delayMs: number): void {
  engine.clock.schedule(delayMs, { owner: nodeStatusName(node), key: 'status' });
}

function resolveTarget(engine: Engine, def: FaultDef, target: string | undefined): string | undefined {
  if (def.target === 'cluster') {
    if (target) throw new FaultError(`fault "${def.id}" takes no target`);
    return undefined;
  }
  if (def.target === 'node') {
    const node = target ?? def.defaultTarget!;
    if (def.id === 'node-removed' && isActive(engine.store, def.id, node)) return node;
    if (!engine.store.get('nodes', undefined, node)) throw new FaultError(`node "${node}" not found`);
    return node;
  }
  if (!target) throw new FaultError(`fault "${def.id}" needs a pod: NAME or NAMESPACE/NAME`);
  return target.includes('/') ? target : `default/${target}`;
}

function lookup(id: string): FaultDef {
  const def = faultById(id);
  if (!def) throw new FaultError(`unknown fault "${id}" (sim fault list shows them)`);
  return def;
}

/** Injects a fault; returns a one-line confirmation. Throws FaultError for bad input (ApiError if the API refuses). */
export function injectFault(engine: Engine, id: string, typedTarget?: string): string {
  const def = lookup(id);
  const target = resolveTarget(engine, def, typedTarget);
  const label = target ? `${id} on ${target}` : id;
  if (!def.oneShot && isActive(engine.store, id, target)) return `fault ${label} already injected`;
  const cp = componentFault(id);
  if (cp) setComponent(engine, cp.component, cp.mode);
  else switch (id) {
    case 'kubelet-stopped':
      setNodeKubelet(engine, target!, false);
      break;
    case 'kube-proxy-stopped':
      setNodeComponent(engine, `kube-proxy/${target}`, 'stop');
      break;
    case RUNTIME_DOWN:
      // The kubelet's runtime check calls it down after 30 s; the status update after that says so.
      statusUpdate(engine, target!, 40_000);
      break;
    case PARTITION:
      break;
    case 'node-memory-pressure':
    case 'node-disk-pressure':
    case 'node-pid-pressure':
      statusUpdate(engine, target!, 10_000);
      break;
    case 'node-removed': {
      const node = engine.api.get<Node>('nodes', undefined, target!);
      if (node.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined) throw new FaultError('the control-plane node cannot be removed');
      engine.store.setRecord(`faults/removed-node/${target}`, nodeOptions(node));
      removeNode(engine, target!);
      break;
    }
    case 'dns-down': {
      const d = engine.api.get('deployments.apps', 'kube-system', 'coredns') as KubeObject & { spec: { replicas?: number } };
      engine.store.setRecord('faults/coredns-replicas', d.spec.replicas ?? 1);
      engine.api.patch('deployments.apps', 'kube-system', 'coredns', 'merge', { spec: { replicas: 0 } });
      break;
    }
    case 'image-registry-unreachable':
      break;
    case 'container-crash':
      crashContainer(engine, target!);
      break;
  }
  if (!def.oneShot) markActive(engine.store, { id, ...(target ? { target } : {}), since: engine.clock.now() });
  engine.runUntilQuiet();
  return `fault ${label} injected`;
}

export function clearFault(engine: Engine, id: string, typedTarget?: string): string {
  const def = lookup(id);
  const target = resolveTarget(engine, def, typedTarget);
  const label = target ? `${id} on ${target}` : id;
  if (def.oneShot) return `fault ${label} clears by itself`;
  if (!isActive(engine.store, id, target)) return `fault ${label} is not injected`;
  markCleared(engine.store, id, target);
  const cp = componentFault(id);
  if (cp) setComponent(engine, cp.component, 'start');
  else switch (id) {
    case 'kubelet-stopped':
      if (engine.store.get('nodes', undefined, target!)) setNodeKubelet(engine, target!, true);
      break;
    case 'kube-proxy-stopped':
      setNodeComponent(engine, `kube-proxy/${target}`, 'start');
      break;
    case RUNTIME_DOWN:
      releaseHeld(engine, target!);
      statusUpdate(engine, target!, 5_000);
      break;
    case PARTITION:
      resumeStatusManager(engine, target!);
      break;
    case 'node-memory-pressure':
    case 'node-disk-pressure':
    case 'node-pid-pressure':
      statusUpdate(engine, target!, 10_000);
      break;
    case 'node-removed': {
      const opts = engine.store.getRecord<AddNodeOptions>(`faults/removed-node/${target}`) ?? {};
      engine.store.deleteRecord(`faults/removed-node/${target}`);
      if (!engine.store.get('nodes', undefined, target!)) addNode(engine, target!, opts);
      break;
    }
    case 'dns-down': {
      const replicas = engine.store.getRecord<number>('faults/coredns-replicas') ?? 2;
      engine.store.deleteRecord('faults/coredns-replicas');
      engine.api.patch('deployments.apps', 'kube-system', 'coredns', 'merge', { spec: { replicas } });
      break;
    }
    case 'image-registry-unreachable':
      retryFailedPulls(engine);
      break;
  }
  engine.runUntilQuiet();
  return `fault ${label} cleared`;
}

/** The non-default shape of a node, to add it back the same way. */
function nodeOptions(node: Node): AddNodeOptions {
  const cap = node.status?.capacity ?? {};
  const defaults = new Set(['beta.kubernetes.io/arch', 'beta.kubernetes.io/os', 'kubernetes.io/arch', 'kubernetes.io/hostname', 'kubernetes.io/os']);
  const labels = Object.fromEntries(Object.entries(node.metadata.labels ?? {}).filter(([k]) => !defaults.has(k)));
  return {
    ...(cap['cpu'] && cap['cpu'] !== DEFAULT_CPU ? { cpu: String(cap['cpu']) } : {}),
    ...(cap['memory'] && cap['memory'] !== DEFAULT_MEMORY ? { memory: String(cap['memory']) } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
  };
}

/**
 * The pod's first running container exits with code 1, as if its process crashed: the
 * kubelet's pod worker sees the exit at once and restarts it per the back-off.
 */
function crashContainer(engine: Engine, podKey: string): void {
  const i = podKey.indexOf('/');
  const pod = engine.api.get<Pod>('pods', podKey.slice(0, i), podKey.slice(i + 1));
  const rec = pod.spec.nodeName ? engine.store.getRecord<PodRecord>(podRecordKey(pod.metadata.uid!)) : undefined;
  const index = rec?.context.containers.findIndex((c) => !c.init && c.state === 'running') ?? -1;
  if (!rec || index < 0) throw new FaultError(`pod "${pod.metadata.name}" has no running container`);
  const owner = `kubelet/${pod.spec.nodeName}`;
  const id = `container.exited:${index}`;
  const next: PodRecord = structuredClone(rec);
  const c = next.context.containers[index]!;
  c.exitCodePlanned = 1;
  delete c.exitReasonPlanned;
  delete c.killCode;
  if (!next.timers.includes(id)) next.timers.push(id);
  engine.store.setRecord(podRecordKey(pod.metadata.uid!), next);
  engine.clock.cancelFor(owner, `${rec.key}#${id}`);
  engine.clock.schedule(0, { owner, key: `${rec.key}#${id}` });
}

function knownImage(image: string): boolean {
  const ref = parseImageRef(image);
  return !!ref && !!lookupImage(ref);
}

/** Pull back-offs retry for real once the registry answers again (their pull mode was "fail"). */
function retryFailedPulls(engine: Engine): void {
  for (const [k, v] of engine.store.recordsWithPrefix('kubelet/pod/')) {
    const rec = v as PodRecord;
    if (!rec.context.containers.some((c) => c.pull === 'fail' && knownImage(c.image))) continue;
    const next: PodRecord = structuredClone(rec);
    for (const c of next.context.containers) {
      if (c.pull === 'fail' && knownImage(c.image)) c.pull = 'pull';
    }
    engine.store.setRecord(k, next);
  }
}

export interface FaultState {
  def: FaultDef;
  /** Targets it is injected on ('' for a cluster-wide fault). */
  active: string[];
}

export function listFaults(engine: Engine): FaultState[] {
  const act = activeFaults(engine.store);
  return FAULTS.map((def) => ({ def, active: act.filter((a) => a.id === def.id).map((a) => a.target ?? '') }));
}
