// RBAC authorization as kube-apiserver's RBAC authorizer decides it: a request is allowed
// when a ClusterRoleBinding (cluster-wide) or a RoleBinding in the request's namespace binds
// one of the user's subjects to a rule matching verb, API group, resource[/subresource],
// resource name (or non-resource URL). system:masters (and kind's kubeadm:cluster-admins,
// bound to cluster-admin) are always allowed, as the privileged group is.
import type { KubeObject } from '../api/meta.ts';
import type { ApiServer } from './apiserver.ts';

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface Attributes {
  user: UserInfo;
  verb: string;
  namespace?: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  /** Non-resource requests (`/healthz`, `/api`). */
  path?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface Binding extends KubeObject {
  roleRef: { kind: string; name: string };
  subjects?: Subject[];
}

/** The identity kubectl uses in a kind cluster (client certificate of kubernetes-admin). */
export const ADMIN_USER: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

const PRIVILEGED = ['system:masters', 'kubeadm:cluster-admins'];

/** The user `--as NAME [--as-group G]` impersonates (service accounts get their groups). */
export function impersonated(name: string, groups: string[] = []): UserInfo {
  const sa = name.match(/^system:serviceaccount:([^:]+):([^:]+)$/);
  const implied = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [];
  const all = [...groups, ...implied];
  if (name !== 'system:anonymous' && !all.includes('system:authenticated')) all.push('system:authenticated');
  return { name, groups: all };
}

function subjectMatches(s: Subject, user: UserInfo, bindingNs: string | undefined): boolean {
  if (s.kind === 'User') return s.name === user.name;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.name === `system:serviceaccount:${s.namespace || bindingNs || ''}:${s.name}`;
  return false;
}

function ruleMatches(r: PolicyRule, a: Attributes): boolean {
  const verbs = r.verbs ?? [];
  if (!verbs.includes('*') && !verbs.includes(a.verb)) return false;
  if (a.path !== undefined) {
    return (r.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))));
  }
  const groups = r.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(a.apiGroup ?? '')) return false;
  const full = a.subresource ? `${a.resource}/${a.subresource}` : a.resource ?? '';
  const resources = r.resources ?? [];
  const resOk = resources.some((x) => x === '*' || x === full || (a.subresource && x === `*/${a.subresource}`));
  if (!resOk) return false;
  const names = r.resourceNames ?? [];
  return names.length === 0 || (a.name !== undefined && names.includes(a.name));
}

function rulesOf(api: ApiServer, ref: { kind: string; name: string }, ns: string | undefined): PolicyRule[] {
  const role = ref.kind === 'ClusterRole' ? api.tryGet('clusterroles.rbac.authorization.k8s.io', undefined, ref.name) : api.tryGet('roles.rbac.authorization.k8s.io', ns, ref.name);
  return ((role as (KubeObject & { rules?: PolicyRule[] }) | undefined)?.rules ?? []) as PolicyRule[];
}

export function authorize(api: ApiServer, a: Attributes): Decision {
  if (a.user.groups.some((g) => PRIVILEGED.includes(g))) return { allowed: true, reason: '' };
  const crbs = api.list('clusterrolebindings.rbac.authorization.k8s.io') as Binding[];
  for (const b of crbs) {
    if (!(b.subjects ?? []).some((s) => subjectMatches(s, a.user, undefined))) continue;
    if (rulesOf(api, b.roleRef, undefined).some((r) => ruleMatches(r, a)))
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${b.roleRef.name}" to ${a.user.name}` };
  }
  if (a.namespace) {
    const rbs = api.list('rolebindings.rbac.authorization.k8s.io', a.namespace) as Binding[];
    for (const b of rbs) {
      if (!(b.subjects ?? []).some((s) => subjectMatches(s, a.user, b.metadata.namespace))) continue;
      if (rulesOf(api, b.roleRef, a.namespace).some((r) => ruleMatches(r, a)))
        return { allowed: true, reason: `RBAC: allowed by RoleBinding "${b.metadata.name}/${a.namespace}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${a.user.name}` };
    }
  }
  return { allowed: false, reason: '' };
}

/** Every rule that applies to the user in a namespace (`kubectl auth can-i --list`). */
export function rulesFor(api: ApiServer, user: UserInfo, namespace: string | undefined): PolicyRule[] {
  if (user.groups.some((g) => PRIVILEGED.includes(g))) return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];
  const out: PolicyRule[] = [];
  for (const b of api.list('clusterrolebindings.rbac.authorization.k8s.io') as Binding[])
    if ((b.subjects ?? []).some((s) => subjectMatches(s, user, undefined))) out.push(...rulesOf(api, b.roleRef, undefined));
  if (namespace)
    for (const b of api.list('rolebindings.rbac.authorization.k8s.io', namespace) as Binding[])
      if ((b.subjects ?? []).some((s) => subjectMatches(s, user, b.metadata.namespace))) out.push(...rulesOf(api, b.roleRef, namespace));
  return out;
}
