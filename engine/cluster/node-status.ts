// The kubelet's node status loop (pkg/kubelet/kubelet_node_status.go), reduced to what the
// simulation observes: when a node's kubelet (re)starts, and on the status updates a node
// fault triggers, it posts the conditions it sees. Healthy: Ready/KubeletReady and no pressure.
// Under faults (engine/faults): MemoryPressure/DiskPressure/PIDPressure True, or Ready False
// `container runtime is down` once containerd has been unreachable for 30 s. Each change comes
// with the kubelet's event (NodeHasInsufficientMemory, NodeNotReady, NodeReady...). Under
// memory pressure the eviction manager evicts a BestEffort pod every 10 s. Hosted in the
// node's `kubelet/<node>` component, so it only runs while that kubelet runs.
import type { Node } from '../api/core-v1.ts';
import type { Condition } from '../api/meta.ts';
import type { Controller, ReconcileContext } from '../controllers/controller.ts';
import { activeSince, nodeFaults } from '../faults/active.ts';
import { RUNTIME_DOWN } from '../faults/kubelet-guard.ts';
import { EVICTION_PERIOD_MS, evictOne } from '../faults/pressure-eviction.ts';
import { nodeReadyConditions } from './nodes.ts';

export const nodeStatusName = (node: string) => `kubelet-node-status/${node}`;

/** maxWaitForContainerRuntime: the kubelet calls the runtime down after 30 s without an answer. */
export const RUNTIME_DOWN_AFTER_MS = 30_000;

type Want = { status: 'True' | 'False'; reason: string; message: string; event: string };

const PRESSURE: Record<string, { type: string; on: Want; off: Want }> = {
  'node-memory-pressure': {
    type: 'MemoryPressure',
    on: { status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available', event: 'NodeHasInsufficientMemory' },
    off: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  },
  'node-disk-pressure': {
    type: 'DiskPressure',
    on: { status: 'True', reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure', event: 'NodeHasDiskPressure' },
    off: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  },
  'node-pid-pressure': {
    type: 'PIDPressure',
    on: { status: 'True', reason: 'KubeletHasInsufficientPID', message: 'kubelet has insufficient PID available', event: 'NodeHasInsufficientPID' },
    off: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
  },
};

/** The conditions the kubelet of `node` would post now. */
function wanted(cx: ReconcileContext, node: string): Record<string, Want> {
  const faults = nodeFaults(cx.store, node);
  const out: Record<string, Want> = {};
  for (const [id, p] of Object.entries(PRESSURE)) out[p.type] = faults.has(id) ? p.on : p.off;
  const since = activeSince(cx.store, RUNTIME_DOWN, node);
  out['Ready'] = since !== undefined && cx.clock.now() - since >= RUNTIME_DOWN_AFTER_MS
    ? { status: 'False', reason: 'KubeletNotReady', message: 'container runtime is down', event: 'NodeNotReady' }
    : { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', event: 'NodeReady' };
  return out;
}

export function createNodeStatusReporter(nodeName: string): Controller {
  return {
    name: nodeStatusName(nodeName),
    watches: [],
    resync: () => ['status'],
    reconcile: (_key, cx) => {
      const node = cx.api.tryGet<Node>('nodes', undefined, nodeName);
      if (!node) return;
      const want = wanted(cx, nodeName);
      if (want['MemoryPressure']!.status === 'True' && evictOne(cx, nodeName)) cx.schedule(EVICTION_PERIOD_MS, 'status');
      const conds = node.status?.conditions ?? [];
      const changed = Object.entries(want).filter(([type, w]) => {
        const c = conds.find((x) => x.type === type);
        return !c || c.status !== w.status || c.reason !== w.reason || c.message !== w.message;
      });
      if (!changed.length) return;
      const now = cx.clock.nowRFC3339();
      const base = conds.length ? conds : nodeReadyConditions(now)!;
      const next = structuredClone(node);
      next.status = {
        ...(next.status ?? {}),
        conditions: base.map((c): Condition => {
          const w = want[c.type];
          if (!w) return c;
          const moved = c.status !== w.status;
          return { ...c, status: w.status, reason: w.reason, message: w.message, lastHeartbeatTime: now, ...(moved ? { lastTransitionTime: now } : {}) };
        }),
      };
      cx.api.updateStatus('nodes', next);
      for (const [type, w] of changed) {
        const was = conds.find((x) => x.type === type)?.status;
        // The kubelet announces transitions; an Unknown Ready (the node controller's) coming back is NodeReady.
        if (was === w.status) continue;
        if (type !== 'Ready' && was === 'Unknown' && w.status === 'False') continue;
        cx.events.record(node, { component: 'kubelet', host: nodeName }, 'Normal', w.event, `Node ${nodeName} status is now: ${w.event}`);
      }
    },
  };
}
