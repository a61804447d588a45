// Pure view model of the topology: nodes with their pods grouped by owner, the tray of
// unscheduled pods, control-plane components and services. One pass over the pods, so it
// stays cheap at thousands of pods.
import type { ComponentState, KubeObject, Node, Pod, Service } from '../../../engine/engine-api.ts';
import type { ClusterModel } from '../../model/cluster-model.ts';
import { keyOf } from '../../model/cluster-model.ts';
import { podOwner } from '../../model/owner.ts';
import { podStatus, type PodTone } from '../../model/pod-status.ts';
import { parseQuantity } from '../../model/quantity.ts';

export const SYSTEM_NAMESPACE = 'kube-system';

export interface PodView {
  key: string;
  name: string;
  namespace: string;
  /** Short text for the chip: the part of the name after the owner's prefix. */
  label: string;
  status: string;
  tone: PodTone;
  ready: boolean;
  restarts: number;
  node?: string;
}

export interface GroupView {
  key: string;
  owner: string;
  ownerKind: string;
  namespace: string;
  pods: PodView[];
}

export interface Usage {
  requested: number;
  allocatable: number;
}

export interface NodeView {
  name: string;
  role: string;
  ready: boolean;
  /** kubectl's STATUS column: Ready, NotReady, Ready,SchedulingDisabled. */
  status: string;
  cordoned: boolean;
  taints: string[];
  cpu: Usage;
  memory: Usage;
  groups: GroupView[];
  podCount: number;
  hiddenSystemPods: number;
  kubelet?: ComponentState;
}

export interface ServiceView {
  name: string;
  namespace: string;
  type: string;
  ready: number;
}

export interface TopologyView {
  components: ComponentState[];
  nodes: NodeView[];
  unscheduled: GroupView[];
  services: ServiceView[];
  /** Pods shown (after the system filter). */
  podCount: number;
}

const TERMINAL_PHASES = new Set(['Succeeded', 'Failed']);

export function nodeRole(node: KubeObject): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean);
  return roles.length ? roles.sort().join(',') : 'worker';
}

function nodeView(node: Node, kubelet: ComponentState | undefined): NodeView {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const cordoned = node.spec?.unschedulable === true;
  const alloc = node.status?.allocatable ?? {};
  return {
    name: node.metadata.name ?? '',
    role: nodeRole(node),
    ready,
    status: (ready ? 'Ready' : 'NotReady') + (cordoned ? ',SchedulingDisabled' : ''),
    cordoned,
    taints: (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    cpu: { requested: 0, allocatable: parseQuantity(alloc['cpu']) },
    memory: { requested: 0, allocatable: parseQuantity(alloc['memory']) },
    groups: [],
    podCount: 0,
    hiddenSystemPods: 0,
    ...(kubelet ? { kubelet } : {}),
  };
}

function podLabel(name: string, owner: string | undefined): string {
  if (owner && name.startsWith(`${owner}-`)) {
    const rest = name.slice(owner.length + 1);
    const parts = rest.split('-');
    return parts[parts.length - 1] || rest;
  }
  return name;
}

export function podView(pod: Pod, owner: string | undefined): PodView {
  const s = podStatus(pod);
  return {
    key: keyOf(pod),
    name: pod.metadata.name ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    label: podLabel(pod.metadata.name ?? '', owner),
    status: s.status,
    tone: s.tone,
    ready: s.total > 0 && s.ready === s.total,
    restarts: s.restarts,
    ...(pod.spec.nodeName ? { node: pod.spec.nodeName } : {}),
  };
}

function addRequests(view: NodeView, pod: Pod): void {
  if (TERMINAL_PHASES.has(pod.status?.phase ?? '')) return;
  for (const c of pod.spec.containers) {
    view.cpu.requested += parseQuantity(c.resources?.requests?.['cpu']);
    view.memory.requested += parseQuantity(c.resources?.requests?.['memory']);
  }
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function layout(model: ClusterModel, opts: { showSystem: boolean }): TopologyView {
  const components = model.components.filter((c) => !c.name.includes('/'));
  const kubelets = new Map(model.components.filter((c) => c.name.startsWith('kubelet/')).map((c) => [c.name.slice(8), c]));
  const nodes = new Map<string, NodeView>();
  for (const n of model.list<Node>('Node').sort((a, b) => byName(a.metadata as { name: string }, b.metadata as { name: string }))) {
    nodes.set(n.metadata.name ?? '', nodeView(n, kubelets.get(n.metadata.name ?? '')));
  }
  const groups = new Map<string, GroupView>();
  const tray = new Map<string, GroupView>();
  let podCount = 0;
  for (const pod of model.list<Pod>('Pod')) {
    const node = pod.spec.nodeName ? nodes.get(pod.spec.nodeName) : undefined;
    if (node) addRequests(node, pod);
    const ns = pod.metadata.namespace ?? 'default';
    if (!opts.showSystem && ns === SYSTEM_NAMESPACE) {
      if (node) node.hiddenSystemPods++;
      continue;
    }
    podCount++;
    const owner = podOwner(pod, model);
    const ownerName = owner?.name ?? pod.metadata.name ?? '';
    const groupKey = `${node?.name ?? ''}|${ns}|${owner?.kind ?? 'Pod'}|${ownerName}`;
    const target = node ? groups : tray;
    let g = target.get(groupKey);
    if (!g) {
      g = { key: groupKey, owner: ownerName, ownerKind: owner?.kind ?? 'Pod', namespace: ns, pods: [] };
      target.set(groupKey, g);
      node?.groups.push(g);
    }
    g.pods.push(podView(pod, owner?.name));
    if (node) node.podCount++;
  }
  const sortGroup = (g: GroupView): void => void g.pods.sort(byName);
  for (const n of nodes.values()) {
    n.groups.sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
    n.groups.forEach(sortGroup);
  }
  const unscheduled = [...tray.values()];
  unscheduled.forEach(sortGroup);
  return { components, nodes: [...nodes.values()], unscheduled, services: services(model, opts.showSystem), podCount };
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels?.[k] !== v) return false;
  return true;
}

function services(model: ClusterModel, showSystem: boolean): ServiceView[] {
  const out: ServiceView[] = [];
  const svcs = model.list<Service>('Service').filter((s) => showSystem || (s.metadata.namespace !== SYSTEM_NAMESPACE && s.metadata.name !== 'kubernetes'));
  if (svcs.length === 0) return out;
  const pods = model.list<Pod>('Pod');
  for (const s of svcs.sort((a, b) => byName(a.metadata as { name: string }, b.metadata as { name: string }))) {
    const sel = s.spec.selector;
    let ready = 0;
    if (sel && Object.keys(sel).length) {
      for (const p of pods) {
        if (p.metadata.namespace !== s.metadata.namespace || p.metadata.deletionTimestamp) continue;
        if (!matches(sel, p.metadata.labels)) continue;
        if (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) ready++;
      }
    }
    out.push({ name: s.metadata.name ?? '', namespace: s.metadata.namespace ?? 'default', type: s.spec.type ?? 'ClusterIP', ready });
  }
  return out;
}
