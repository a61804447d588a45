// EnqueueExtensions (pkg/scheduler/framework/plugins/*: EventsToRegister): which cluster events
// can make a pod that a plugin rejected schedulable, so the queue moves only those pods. Events
// are classified from the watch's old/new objects the way the scheduler's event handlers do.
import type { Node, Pod } from '../api/core-v1.ts';

export type ClusterEvent =
  | 'NodeAdd' | 'NodeDelete' | 'NodeLabel' | 'NodeTaint' | 'NodeAllocatable'
  | 'AssignedPodAdd' | 'AssignedPodLabel' | 'AssignedPodDelete'
  | 'PvcChange' | 'PvChange' | 'StorageClassChange';

/** The events each default-profile plugin registers for. */
export const REGISTERED: Record<string, readonly ClusterEvent[]> = {
  NodeUnschedulable: ['NodeAdd', 'NodeTaint'],
  NodeName: ['NodeAdd'],
  TaintToleration: ['NodeAdd', 'NodeTaint'],
  NodeAffinity: ['NodeAdd', 'NodeLabel'],
  NodePorts: ['NodeAdd', 'AssignedPodDelete'],
  NodeResourcesFit: ['NodeAdd', 'NodeAllocatable', 'AssignedPodDelete'],
  VolumeBinding: ['NodeAdd', 'NodeLabel', 'PvcChange', 'PvChange', 'StorageClassChange'],
  PodTopologySpread: ['NodeAdd', 'NodeDelete', 'NodeLabel', 'NodeTaint', 'AssignedPodAdd', 'AssignedPodLabel', 'AssignedPodDelete'],
  InterPodAffinity: ['NodeAdd', 'NodeLabel', 'AssignedPodAdd', 'AssignedPodLabel', 'AssignedPodDelete'],
};

/** Plugins interested in an event (inverse of REGISTERED). */
export const INTERESTED: ReadonlyMap<ClusterEvent, ReadonlySet<string>> = (() => {
  const m = new Map<ClusterEvent, Set<string>>();
  for (const [plugin, events] of Object.entries(REGISTERED))
    for (const e of events) (m.get(e) ?? m.set(e, new Set()).get(e)!).add(plugin);
  return m;
})();

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed on a node (nodeSchedulingPropertiesChange). */
export function nodeEvents(node: Node, old: Node | undefined, present: boolean): ClusterEvent[] {
  if (!present) return ['NodeDelete'];
  if (!old) return ['NodeAdd'];
  const out: ClusterEvent[] = [];
  if (!same(node.metadata.labels, old.metadata.labels)) out.push('NodeLabel');
  if (!same(node.spec?.taints, old.spec?.taints) || !!node.spec?.unschedulable !== !!old.spec?.unschedulable) out.push('NodeTaint');
  if (!same(node.status?.allocatable, old.status?.allocatable)) out.push('NodeAllocatable');
  return out;
}

/** What changed on an assigned (bound) pod that other pods' scheduling may depend on. */
export function assignedPodEvents(pod: Pod, old: Pod | undefined, present: boolean, holds: (p: Pod) => boolean): ClusterEvent[] {
  if (!present) return pod.spec?.nodeName && holds(pod) ? ['AssignedPodDelete'] : [];
  // A pod that finished frees its node like a deleted one.
  if (!holds(pod)) return old && holds(old) ? ['AssignedPodDelete'] : [];
  if (!old || !old.spec?.nodeName) return ['AssignedPodAdd'];
  return same(pod.metadata.labels, old.metadata.labels) ? [] : ['AssignedPodLabel'];
}
