// `kubectl get nodes` columns: printNode (printers.go).
import type { Node } from '../../../api/core-v1.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

export function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export function nodeRoles(n: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function address(n: Node, type: string): string {
  return n.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

const info = (n: Node, k: string) => n.status?.nodeInfo?.[k] || '<unknown>';

export const columns: Column<Node>[] = [
  { name: 'Name', cell: (n) => n.metadata.name ?? '' },
  { name: 'Status', cell: nodeStatus },
  { name: 'Roles', cell: nodeRoles },
  { name: 'Age', cell: (n, cx) => age(n.metadata.creationTimestamp, cx) },
  { name: 'Version', cell: (n) => n.status?.nodeInfo?.['kubeletVersion'] ?? '' },
  { name: 'Internal-IP', wide: true, cell: (n) => address(n, 'InternalIP') },
  { name: 'External-IP', wide: true, cell: (n) => address(n, 'ExternalIP') },
  { name: 'OS-Image', wide: true, cell: (n) => info(n, 'osImage') },
  { name: 'Kernel-Version', wide: true, cell: (n) => info(n, 'kernelVersion') },
  { name: 'Container-Runtime', wide: true, cell: (n) => info(n, 'containerRuntimeVersion') },
];
