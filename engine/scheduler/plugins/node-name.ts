// NodeName (plugins/nodename): a pod that names a node fits only that node.
import type { Pod } from '../../api/core-v1.ts';
import { SUCCESS, unschedulable, type FilterPlugin, type NodeInfo, type Status } from '../framework.ts';

export const name = 'NodeName';
export const ERR_REASON = "node(s) didn't match the requested node name";

export function fits(pod: Pod, info: NodeInfo): Status {
  if (!pod.spec.nodeName || pod.spec.nodeName === info.node.metadata.name) return SUCCESS;
  return unschedulable(name, [ERR_REASON], true);
}

export const plugin = { name, filter: fits } satisfies FilterPlugin;
