// NodeUnschedulable (plugins/nodeunschedulable): a cordoned node takes no new pods unless the pod
// tolerates the node.kubernetes.io/unschedulable:NoSchedule taint.
import type { Pod } from '../../api/core-v1.ts';
import { SUCCESS, unschedulable, type FilterPlugin, type NodeInfo, type Status } from '../framework.ts';
import { tolerates } from './taint-toleration.ts';

export const name = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

export function fits(pod: Pod, info: NodeInfo): Status {
  if (!info.node.spec?.unschedulable) return SUCCESS;
  const taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };
  if ((pod.spec.tolerations ?? []).some((t) => tolerates(t, taint))) return SUCCESS;
  return unschedulable(name, [ERR_REASON_UNSCHEDULABLE], true);
}

export const plugin = { name, filter: fits } satisfies FilterPlugin;
