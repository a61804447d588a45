// `kubectl get namespaces` columns: printNamespace (printers.go).
import type { Namespace } from '../../../api/core-v1.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';

export const columns: Column<Namespace>[] = [
  { name: 'Name', cell: (n) => n.metadata.name ?? '' },
  { name: 'Status', cell: (n) => n.status?.phase ?? '' },
  { name: 'Age', cell: (n, cx) => age(n.metadata.creationTimestamp, cx) },
];
