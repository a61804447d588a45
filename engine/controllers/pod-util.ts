// Pod predicates the workload controllers share (pkg/api/v1/pod/util.go, controller_utils.go).
import type { Pod } from '../api/core-v1.ts';
import { parseTime } from '../time/clock.ts';

export function isPodReady(pod: Pod): boolean {
  const conds = pod.status?.conditions;
  if (conds) for (const c of conds) if (c.type === 'Ready' && c.status === 'True') return true;
  return false;
}

/** Ready for at least minReadySeconds at `now` (IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready');
  const since = parseTime(c?.lastTransitionTime) ?? now;
  return since + minReadySeconds * 1000 <= now;
}

/** FilterActivePods: not terminal and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** `name_namespace(uid)`: how the kubelet names a pod in messages (format.Pod). */
export function podDesc(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}
