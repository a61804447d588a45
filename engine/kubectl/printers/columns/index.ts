// Which column set prints which resource (keyed by the store's resource key).
import type { Column } from '../table.ts';
import { columns as deployment } from './deployment.ts';
import { columns as event } from './event.ts';
import { columns as namespace } from './namespace.ts';
import { columns as node } from './node.ts';
import { columns as pod } from './pod.ts';
import { columns as replicaset } from './replicaset.ts';
import { columns as service } from './service.ts';
import { controllerrevisions, cronjobs, daemonsets, jobs, persistentvolumeclaims, persistentvolumes, statefulsets, storageclasses } from './workloads.ts';
import { configmaps, endpoints, generic, secrets, serviceaccounts } from './simple.ts';
import { endpointslices, ingressclasses, ingresses, networkpolicies } from './network.ts';
import { hpas } from './hpa.ts';
import { bindings, leases, limitranges, poddisruptionbudgets, priorityclasses, resourcequotas, roles } from './access.ts';

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
  'jobs.batch': jobs as Column[],
  'cronjobs.batch': cronjobs as Column[],
  'statefulsets.apps': statefulsets as Column[],
  'daemonsets.apps': daemonsets as Column[],
  'controllerrevisions.apps': controllerrevisions as Column[],
  persistentvolumeclaims: persistentvolumeclaims as Column[],
  persistentvolumes: persistentvolumes as Column[],
  'storageclasses.storage.k8s.io': storageclasses as Column[],
  'endpointslices.discovery.k8s.io': endpointslices,
  'ingresses.networking.k8s.io': ingresses,
  'ingressclasses.networking.k8s.io': ingressclasses,
  'networkpolicies.networking.k8s.io': networkpolicies,
  'horizontalpodautoscalers.autoscaling': hpas as Column[],
  'roles.rbac.authorization.k8s.io': roles,
  'clusterroles.rbac.authorization.k8s.io': roles,
  'rolebindings.rbac.authorization.k8s.io': bindings,
  'clusterrolebindings.rbac.authorization.k8s.io': bindings,
  resourcequotas,
  limitranges,
  'priorityclasses.scheduling.k8s.io': priorityclasses,
  'poddisruptionbudgets.policy': poddisruptionbudgets,
  'leases.coordination.k8s.io': leases,
};

export function columnsFor(resource: string): Column[] {
  return BY_RESOURCE[resource] ?? generic;
}
