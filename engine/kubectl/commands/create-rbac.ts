// kubectl create role|clusterrole|rolebinding|clusterrolebinding. Resources are mapped to
// their plural and API group (one rule per group, groups sorted), verbs checked against the
// standard set. Mirrors pkg/cmd/create/create_role.go, create_clusterrole.go,
// create_rolebinding.go and create_clusterrolebinding.go.
import type { KubeObject } from '../../api/meta.ts';
import { resolveResource } from '../../apiserver/registry.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { MUTATION_FLAGS } from '../mutation.ts';
import { createGenerated, meta, nameArg } from './generator.ts';

const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const RBAC = 'rbac.authorization.k8s.io';

interface Rule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

function resourceRules(cx: CommandContext, verbs: string[], resources: string[], names: string[]): Rule[] {
  const byGroup = new Map<string, string[]>();
  for (const spec of resources) {
    const slash = spec.indexOf('/');
    const typed = slash >= 0 ? spec.slice(0, slash) : spec;
    const sub = slash >= 0 ? spec.slice(slash) : '';
    let group: string;
    let plural: string;
    if (typed === '*') {
      const dot = typed.indexOf('.');
      plural = '*';
      group = dot >= 0 ? typed.slice(dot + 1) : '';
    } else {
      const t = resolveResource(typed);
      if (!t) throw new ServerTypeError(typed.split('.')[0]!);
      group = t.group;
      plural = t.plural;
    }
    const list = byGroup.get(group) ?? [];
    list.push(plural + sub);
    byGroup.set(group, list);
  }
  return [...byGroup.keys()].sort().map((g) => {
    const r: Rule = { verbs, apiGroups: [g], resources: byGroup.get(g)! };
    if (names.length) r.resourceNames = names;
    // Field order of rbacv1.PolicyRule: verbs, apiGroups, resources, resourceNames.
    return r;
  });
}

/** `the server doesn't have a resource type "x"`, printed without the error: prefix. */
class ServerTypeError extends Error {}

function verbsOf(cx: CommandContext, allowNonResource: boolean): string[] {
  const verbs = cx.flags.list('verb');
  if (verbs.length === 0) throw new CommandError('at least one verb must be specified');
  for (const v of verbs) {
    if (!VALID_VERBS.includes(v) && !allowNonResource) cx.err(`Warning: '${v}' is not a standard resource verb\n`);
  }
  return verbs;
}

function runRole(cx: CommandContext, cluster: boolean): number {
  const name = nameArg(cx);
  const f = cx.flags;
  const resources = f.list('resource');
  const nonResource = cluster ? f.list('non-resource-url') : [];
  const aggregation = cluster ? f.str('aggregation-rule') : '';
  let rules: Rule[] | null = [];
  let aggregationRule: unknown;
  if (aggregation) {
    if (f.list('verb').length || resources.length || nonResource.length) throw new CommandError('--verb, --resource, --resource-name, --non-resource-url can not be used with --aggregation-rule');
    const matchLabels = Object.fromEntries(aggregation.split(',').map((kv) => kv.split('=') as [string, string]));
    aggregationRule = { clusterRoleSelectors: [{ matchLabels }] };
    rules = null;
  } else {
    const verbs = verbsOf(cx, false);
    if (resources.length === 0 && nonResource.length === 0) throw new CommandError(cluster ? 'one of resource or nonResourceURL must be specified' : 'at least one resource must be specified');
    try {
      rules = resourceRules(cx, verbs, resources, f.list('resource-name'));
    } catch (e) {
      if (e instanceof ServerTypeError) {
        cx.err(`the server doesn't have a resource type "${e.message}"\n`);
        return 1;
      }
      throw e;
    }
    if (nonResource.length) rules.push({ verbs, nonResourceURLs: nonResource });
  }
  const obj: KubeObject = { kind: cluster ? 'ClusterRole' : 'Role', apiVersion: `${RBAC}/v1`, metadata: meta(name), rules };
  if (aggregationRule) obj['aggregationRule'] = aggregationRule;
  return createGenerated(cx, cluster ? `clusterroles.${RBAC}` : `roles.${RBAC}`, !cluster, obj, '');
}

function runBinding(cx: CommandContext, cluster: boolean): number {
  const name = nameArg(cx);
  const f = cx.flags;
  const role = cluster ? '' : f.str('role');
  const clusterRole = f.str('clusterrole');
  if (cluster && !f.has('clusterrole')) {
    cx.klogFatal('required flag(s) "clusterrole" not set');
    return 1;
  }
  if (cluster ? !clusterRole : !!role === !!clusterRole) throw new CommandError(cluster ? 'exactly one of clusterrole must be specified' : 'exactly one of clusterrole or role must be specified');
  const subjects: Record<string, string>[] = [];
  for (const u of f.list('user')) subjects.push({ kind: 'User', apiGroup: RBAC, name: u });
  for (const g of f.list('group')) subjects.push({ kind: 'Group', apiGroup: RBAC, name: g });
  for (const sa of f.list('serviceaccount')) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CommandError(`serviceaccount must be <namespace>:<name>`);
    subjects.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  const obj: KubeObject = {
    kind: cluster ? 'ClusterRoleBinding' : 'RoleBinding',
    apiVersion: `${RBAC}/v1`,
    metadata: meta(name),
    ...(subjects.length ? { subjects } : {}),
    roleRef: { apiGroup: RBAC, kind: role ? 'Role' : 'ClusterRole', name: role || clusterRole },
  };
  return createGenerated(cx, cluster ? `clusterrolebindings.${RBAC}` : `rolebindings.${RBAC}`, !cluster, obj, cluster ? 'failed to create clusterrolebinding: ' : 'failed to create rolebinding: ');
}

const roleFlags = [
  { name: 'verb', type: 'stringSlice' as const },
  { name: 'resource', type: 'stringSlice' as const },
  { name: 'resource-name', type: 'stringArray' as const },
  ...MUTATION_FLAGS,
];

const bindingFlags = [
  { name: 'clusterrole', type: 'string' as const },
  { name: 'user', type: 'stringArray' as const },
  { name: 'group', type: 'stringArray' as const },
  { name: 'serviceaccount', type: 'stringArray' as const },
  ...MUTATION_FLAGS,
];

export const createRole: Command = { name: 'role', short: 'Create a role with single rule', flags: roleFlags, run: (cx) => runRole(cx, false) };
export const createClusterRole: Command = {
  name: 'clusterrole',
  short: 'Create a cluster role',
  flags: [...roleFlags, { name: 'non-resource-url', type: 'stringSlice' }, { name: 'aggregation-rule', type: 'string' }],
  run: (cx) => runRole(cx, true),
};
export const createRoleBinding: Command = {
  name: 'rolebinding',
  short: 'Create a role binding for a particular role or cluster role',
  flags: [...bindingFlags, { name: 'role', type: 'string' }],
  run: (cx) => runBinding(cx, false),
};
export const createClusterRoleBinding: Command = {
  name: 'clusterrolebinding',
  short: 'Create a cluster role binding for a particular cluster role',
  flags: bindingFlags,
  run: (cx) => runBinding(cx, true),
};
