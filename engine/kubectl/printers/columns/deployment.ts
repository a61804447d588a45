// `kubectl get deployments` columns: printDeployment (printers.go).
import type { Deployment } from '../../../api/apps-v1.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';
import { formatLabelSelector } from './selector.ts';

export const columns: Column<Deployment>[] = [
  { name: 'Name', cell: (d) => d.metadata.name ?? '' },
  { name: 'Ready', cell: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 0}` },
  { name: 'Up-to-date', cell: (d) => String(d.status?.updatedReplicas ?? 0) },
  { name: 'Available', cell: (d) => String(d.status?.availableReplicas ?? 0) },
  { name: 'Age', cell: (d, cx) => age(d.metadata.creationTimestamp, cx) },
  { name: 'Containers', wide: true, cell: (d) => (d.spec.template?.spec?.containers ?? []).map((c) => c.name).join(',') },
  { name: 'Images', wide: true, cell: (d) => (d.spec.template?.spec?.containers ?? []).map((c) => c.image ?? '').join(',') },
  { name: 'Selector', wide: true, cell: (d) => formatLabelSelector(d.spec.selector) },
];
