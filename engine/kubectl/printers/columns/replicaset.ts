// `kubectl get replicasets` columns: printReplicaSet (printers.go).
import type { ReplicaSet } from '../../../api/apps-v1.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';
import { formatLabelSelector } from './selector.ts';

export const columns: Column<ReplicaSet>[] = [
  { name: 'Name', cell: (r) => r.metadata.name ?? '' },
  { name: 'Desired', cell: (r) => String(r.spec.replicas ?? 0) },
  { name: 'Current', cell: (r) => String(r.status?.replicas ?? 0) },
  { name: 'Ready', cell: (r) => String(r.status?.readyReplicas ?? 0) },
  { name: 'Age', cell: (r, cx) => age(r.metadata.creationTimestamp, cx) },
  { name: 'Containers', wide: true, cell: (r) => (r.spec.template?.spec?.containers ?? []).map((c) => c.name).join(',') },
  { name: 'Images', wide: true, cell: (r) => (r.spec.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(',') },
  { name: 'Selector', wide: true, cell: (r) => formatLabelSelector(r.spec.selector) },
];
