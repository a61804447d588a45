// The resource types the API server serves: group/version, kind, plural, short names and
// scope, as `kubectl api-resources` prints them for Kubernetes v1.32.

export interface ResourceType {
  group: string; // '' for core
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** Whether a /status subresource exists (spec updates then ignore status and vice versa). */
  hasStatus: boolean;
  verbs: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function rt(
  group: string,
  version: string,
  kind: string,
  plural: string,
  shortNames: string[],
  namespaced: boolean,
  hasStatus = false,
  verbs: string[] = ALL_VERBS,
): ResourceType {
  return { group, version, kind, plural, singular: kind.toLowerCase(), shortNames, namespaced, hasStatus, verbs };
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt('', 'v1', 'Binding', 'bindings', [], true, false, ['create']),
  rt('', 'v1', 'ConfigMap', 'configmaps', ['cm'], true),
  rt('', 'v1', 'Endpoints', 'endpoints', ['ep'], true),
  rt('', 'v1', 'Event', 'events', ['ev'], true),
  rt('', 'v1', 'LimitRange', 'limitranges', ['limits'], true),
  rt('', 'v1', 'Namespace', 'namespaces', ['ns'], false, true, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  rt('', 'v1', 'Node', 'nodes', ['no'], false, true),
  rt('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', ['pvc'], true, true),
  rt('', 'v1', 'PersistentVolume', 'persistentvolumes', ['pv'], false, true),
  rt('', 'v1', 'Pod', 'pods', ['po'], true, true),
  rt('', 'v1', 'ResourceQuota', 'resourcequotas', ['quota'], true, true),
  rt('', 'v1', 'Secret', 'secrets', [], true),
  rt('', 'v1', 'ServiceAccount', 'serviceaccounts', ['sa'], true),
  rt('', 'v1', 'Service', 'services', ['svc'], true, true),
  rt('apps', 'v1', 'ControllerRevision', 'controllerrevisions', [], true),
  rt('apps', 'v1', 'DaemonSet', 'daemonsets', ['ds'], true, true),
  rt('apps', 'v1', 'Deployment', 'deployments', ['deploy'], true, true),
  rt('apps', 'v1', 'ReplicaSet', 'replicasets', ['rs'], true, true),
  rt('apps', 'v1', 'StatefulSet', 'statefulsets', ['sts'], true, true),
  rt('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', ['hpa'], true, true),
  rt('batch', 'v1', 'CronJob', 'cronjobs', ['cj'], true, true),
  rt('batch', 'v1', 'Job', 'jobs', [], true, true),
  rt('coordination.k8s.io', 'v1', 'Lease', 'leases', [], true),
  rt('discovery.k8s.io', 'v1', 'EndpointSlice', 'endpointslices', [], true),
  rt('events.k8s.io', 'v1', 'Event', 'events', ['ev'], true),
  rt('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', [], false),
  rt('networking.k8s.io', 'v1', 'Ingress', 'ingresses', ['ing'], true, true),
  rt('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', ['netpol'], true),
  rt('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', ['pdb'], true, true),
  rt('rbac.authorization.k8s.io', 'v1', 'ClusterRoleBinding', 'clusterrolebindings', [], false),
  rt('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', [], false),
  rt('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings', [], true),
  rt('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', [], true),
  rt('scheduling.k8s.io', 'v1', 'PriorityClass', 'priorityclasses', ['pc'], false),
  rt('storage.k8s.io', 'v1', 'StorageClass', 'storageclasses', ['sc'], false),
];

/** Versions served besides the preferred one (object is stored in the preferred version). */
export const EXTRA_VERSIONS: Record<string, string[]> = { autoscaling: ['v1'] };

/** "deployments.apps", or "pods" for the core group: the store's resource key. */
export function resourceKey(t: Pick<ResourceType, 'plural' | 'group'>): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

export function apiVersionOf(t: Pick<ResourceType, 'group' | 'version'>): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

const byKey = new Map<string, ResourceType>();
for (const t of RESOURCE_TYPES) byKey.set(resourceKey(t), t);

export function typeByKey(key: string): ResourceType | undefined {
  return byKey.get(key);
}

/** Finds the type for an object's apiVersion + kind (what `kubectl apply` maps). */
export function typeForKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return RESOURCE_TYPES.find(
    (t) => t.kind === kind && t.group === group && (t.version === version || (EXTRA_VERSIONS[t.group] ?? []).includes(version!)),
  );
}

/**
 * Resolves what a user typed as a resource (`po`, `pods`, `pod`, `deploy`, `deployments.apps`,
 * `Deployment`), the way kubectl's RESTMapper does. Core types win over other groups
 * (`events` is core/v1 Event).
 */
export function resolveResource(typed: string): ResourceType | undefined {
  const s = typed.toLowerCase();
  const dot = s.indexOf('.');
  if (dot > 0) {
    const name = s.slice(0, dot);
    const rest = s.slice(dot + 1);
    // "deployments.apps", "deployments.v1.apps"
    const group = rest.includes('.') && /^v\d/.test(rest) ? rest.slice(rest.indexOf('.') + 1) : rest;
    const hit = RESOURCE_TYPES.find((t) => t.group === group && (t.plural === name || t.singular === name || t.shortNames.includes(name)));
    if (hit) return hit;
  }
  return (
    RESOURCE_TYPES.find((t) => t.plural === s) ??
    RESOURCE_TYPES.find((t) => t.singular === s) ??
    RESOURCE_TYPES.find((t) => t.shortNames.includes(s))
  );
}
