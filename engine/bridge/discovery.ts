// API discovery as the v1.32 API server serves it: /api, /apis, /api/v1, /apis/G/V (legacy
// documents) and the aggregated form (apidiscovery.k8s.io/v2) kubectl asks for first. Built
// from the API server's registry, with the subresources the bridge serves.
import { EXTRA_VERSIONS, RESOURCE_TYPES, type ResourceType } from '../apiserver/registry.ts';
import { KUBERNETES_VERSION } from '../cluster/versions.ts';

export interface Subresource {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: string[];
}

/** Resources `kubectl get all` lists (their discovery category "all"). */
const CATEGORY_ALL = new Set(['pods', 'services', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'horizontalpodautoscalers.autoscaling', 'cronjobs.batch', 'jobs.batch']);
const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps']);
const STATUS_VERBS = ['get', 'patch', 'update'];

/** The order the API server lists groups in (/apis); others follow alphabetically. */
const GROUP_ORDER = [
  'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch',
  'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'flowcontrol.apiserver.k8s.io',
];

function key(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

export function subresourcesOf(t: ResourceType): Subresource[] {
  const own = (name: string, verbs: string[]): Subresource => ({ name, group: t.group, version: t.version, kind: t.kind, verbs });
  const out: Subresource[] = [];
  const k = key(t);
  if (k === 'pods') {
    out.push({ name: 'binding', group: '', version: 'v1', kind: 'Binding', verbs: ['create'] });
    out.push({ name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    out.push(own('log', ['get']));
  }
  if (k === 'namespaces') out.push(own('finalize', ['update']));
  if (SCALABLE.has(k)) out.push({ name: 'scale', group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: STATUS_VERBS });
  if (t.hasStatus) out.push(own('status', STATUS_VERBS));
  return out;
}

/** Group names in the API server's order, core ('') excluded. */
export function groups(): string[] {
  const names = [...new Set(RESOURCE_TYPES.map((t) => t.group).filter((g) => g !== ''))];
  const rank = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  return names.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Versions a group serves, preferred first. */
export function versionsOf(group: string): string[] {
  const preferred = RESOURCE_TYPES.find((t) => t.group === group)?.version;
  if (!preferred) return [];
  return [preferred, ...(EXTRA_VERSIONS[group] ?? []).filter((v) => v !== preferred)];
}

/** The resource types served at group/version, by plural name order. */
export function typesAt(group: string, version: string): ResourceType[] {
  if (!versionsOf(group).includes(version)) return [];
  return RESOURCE_TYPES.filter((t) => t.group === group).sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
}

function categories(t: ResourceType): string[] | undefined {
  return CATEGORY_ALL.has(key(t)) ? ['all'] : undefined;
}

export function apiVersions(): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] };
}

function groupDoc(group: string): Record<string, unknown> {
  const versions = versionsOf(group).map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(): unknown {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups().map(groupDoc) };
}

export function apiGroup(group: string): unknown | undefined {
  if (!versionsOf(group).length) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group) };
}

export function apiResourceList(group: string, version: string): unknown | undefined {
  const types = typesAt(group, version);
  if (!types.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    const r: Record<string, unknown> = { name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs };
    if (t.shortNames.length) r['shortNames'] = t.shortNames;
    const c = categories(t);
    if (c) r['categories'] = c;
    resources.push(r);
    for (const s of subresourcesOf(t)) {
      const sr: Record<string, unknown> = { name: `${t.plural}/${s.name}`, singularName: '', namespaced: t.namespaced };
      if (s.group !== t.group || s.version !== t.version) Object.assign(sr, { group: s.group, version: s.version });
      resources.push({ ...sr, kind: s.kind, verbs: s.verbs });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** apidiscovery.k8s.io/v2 APIGroupDiscoveryList for /api (core) or /apis (the rest). */
export function aggregatedDiscovery(core: boolean): unknown {
  const items = (core ? [''] : groups()).map((group) => ({
    metadata: group ? { name: group, creationTimestamp: null } : { creationTimestamp: null },
    versions: versionsOf(group).map((version) => ({
      version,
      resources: typesAt(group, version).map((t) => {
        const r: Record<string, unknown> = {
          resource: t.plural,
          responseKind: { group: t.group, version, kind: t.kind },
          scope: t.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: t.singular,
          verbs: t.verbs,
        };
        if (t.shortNames.length) r['shortNames'] = t.shortNames;
        const c = categories(t);
        if (c) r['categories'] = c;
        const subs = subresourcesOf(t);
        if (subs.length)
          r['subresources'] = subs.map((s) => ({ subresource: s.name, responseKind: { group: s.group, version: s.version, kind: s.kind }, verbs: s.verbs }));
        return r;
      }),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

export const AGGREGATED_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

export function wantsAggregated(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((a) => a.includes('as=APIGroupDiscoveryList') && /;v=v2(;|$)/.test(a.replace(/\s/g, '')));
}

/** GET /version, as kind's v1.32 API server answers it. */
export function versionInfo(): unknown {
  const [major, minor] = KUBERNETES_VERSION.replace(/^v/, '').split('.');
  return {
    major, minor, gitVersion: KUBERNETES_VERSION, gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f', gitTreeState: 'clean',
    buildDate: '2025-02-12T21:19:47Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64',
  };
}
