// Which column set prints which resource (keyed by the store's resource key).
import type { Column } from '../table.ts';
import { columns as deployment } from './deployment.ts';
import { columns as event } from './event.ts';
import { columns as namespace } from './namespace.ts';
import { columns as node } from './node.ts';
import { columns as pod } from './pod.ts';
import { columns as replicaset } from './replicaset.ts';
import { columns as service } from './service.ts';
import { configmaps, endpoints, generic, secrets, serviceaccounts } from './simple.ts';

const BY_RESOURCE: Record<string, Column[]> = {
  pods: pod as Column[],
  'deployments.apps': deployment as Column[],
  'replicasets.apps': replicaset as Column[],
  nodes: node as Column[],
  services: service as Column[],
  namespaces: namespace as Column[],
  events: event as Column[],
  configmaps,
  secrets,
  serviceaccounts,
  endpoints,
};

export function columnsFor(resource: string): Column[] {
  return BY_RESOURCE[resource] ?? generic;
}
