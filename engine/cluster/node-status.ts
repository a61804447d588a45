// The kubelet's node status loop (pkg/kubelet/kubelet_node_status.go), reduced to what the
// simulation observes: when a node's kubelet (re)starts it posts a fresh status, so a node the
// node lifecycle controller marked Unknown becomes Ready again (event NodeReady). Hosted in the
// node's `kubelet/<node>` component, so it only runs while that kubelet runs.
import type { Node } from '../api/core-v1.ts';
import type { Controller } from '../controllers/controller.ts';
import { nodeReadyConditions } from './nodes.ts';

export const nodeStatusName = (node: string) => `kubelet-node-status/${node}`;

export function createNodeStatusReporter(nodeName: string): Controller {
  return {
    name: nodeStatusName(nodeName),
    watches: [],
    resync: () => ['status'],
    reconcile: (_key, cx) => {
      const node = cx.api.tryGet<Node>('nodes', undefined, nodeName);
      if (!node) return;
      const conds = node.status?.conditions ?? [];
      const healthy = nodeReadyConditions(cx.clock.nowRFC3339())!;
      if (healthy.every((h) => conds.some((c) => c.type === h.type && c.status === h.status && c.reason === h.reason))) return;
      const next = structuredClone(node);
      next.status = { ...(next.status ?? {}), conditions: healthy };
      cx.api.updateStatus('nodes', next);
      cx.events.record(node, { component: 'kubelet', host: nodeName }, 'Normal', 'NodeReady', `Node ${nodeName} status is now: NodeReady`);
    },
  };
}
