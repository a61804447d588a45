// NodePorts (plugins/nodeports): a pod's hostPorts must be free on the node (same protocol and
// port, on the same or a wildcard host IP).
import type { Pod } from '../../api/core-v1.ts';
import { SUCCESS, unschedulable, type FilterPlugin, type NodeInfo, type Status } from '../framework.ts';

export const name = 'NodePorts';
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

/** "protocol/ip/port" for every hostPort the pod asks for. */
export function hostPorts(pod: Pod): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.containers ?? [])
    for (const p of (c.ports ?? []) as { hostPort?: number; hostIP?: string; protocol?: string }[])
      if (p.hostPort) out.push(`${p.protocol ?? 'TCP'}/${p.hostIP || '0.0.0.0'}/${p.hostPort}`);
  return out;
}

function conflicts(want: string, used: ReadonlySet<string>): boolean {
  if (used.has(want)) return true;
  const [proto, ip, port] = want.split('/');
  for (const u of used) {
    const [p2, ip2, port2] = u.split('/');
    if (p2 === proto && port2 === port && (ip === '0.0.0.0' || ip2 === '0.0.0.0' || ip === ip2)) return true;
  }
  return false;
}

export function fits(pod: Pod, info: NodeInfo): Status {
  const want = hostPorts(pod);
  if (!want.length || !info.usedPorts?.size) return SUCCESS;
  return want.some((w) => conflicts(w, info.usedPorts!)) ? unschedulable(name, [ERR_REASON]) : SUCCESS;
}

/** PreFilter Skip: a pod without host ports fits every node. */
const skip = (pod: Pod) => hostPorts(pod).length === 0;

export const plugin = { name, filter: fits, skip } satisfies FilterPlugin;
