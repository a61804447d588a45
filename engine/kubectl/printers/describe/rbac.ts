// kubectl describe role|clusterrole|rolebinding|clusterrolebinding: RoleDescriber and friends
// in pkg/describe/describe.go; rules broken down and compacted as pkg/util/rbac does.
import type { KubeObject } from '../../../api/meta.ts';
import { annotationsMultiline, goList, labelsMultiline } from './common.ts';
import { DescribeWriter } from './writer.ts';

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        if (rule.resourceNames?.length) for (const rn of rule.resourceNames) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [rn] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

/** rbac.CompactRules: simple one-group, one-resource rules merge their verbs. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length && r.apiGroups?.length === 1 && r.resources?.length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups![0], r.resources![0], r.resourceNames?.length ? r.resourceNames[0] : null]);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs ?? []) if (!existing.verbs!.includes(v)) existing.verbs!.push(v);
    } else simple.set(key, { ...r, verbs: [...(r.verbs ?? [])] });
  }
  return [...out, ...simple.values()];
}

/** PolicyRule.String() (gogo-protobuf), the sort key of SortableRuleSlice. */
function ruleString(r: PolicyRule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

export function combineResourceGroup(resources: string[] | undefined, groups: string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0]!.split(/\/(.*)/s) as [string, string | undefined];
  let s = res;
  if (groups?.length && groups[0] !== '') s += `.${groups[0]}`;
  if (sub !== undefined) s += `/${sub}`;
  return s;
}

/** Rules broken down, compacted and sorted as describe and `auth can-i --list` print them. */
export function compactRules(list: readonly PolicyRule[]): PolicyRule[] {
  const rules = compact(list.flatMap(breakdown)).map((r) => ({ r, k: ruleString(r) }));
  rules.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return rules.map((x) => x.r);
}

export function describeRole(o: KubeObject & { rules?: PolicyRule[] }): string {
  const rules = compactRules(o.rules ?? []).map((r) => ({ r }));
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of rules) w.write(1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  return w.toString();
}

export function describeRoleBinding(o: KubeObject & { roleRef?: { kind?: string; name?: string }; subjects?: { kind?: string; name?: string; namespace?: string }[] }): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(0, 'Role:\n');
  w.write(1, `Kind:\t${o.roleRef?.kind ?? ''}\n`);
  w.write(1, `Name:\t${o.roleRef?.name ?? ''}\n`);
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of o.subjects ?? []) w.write(1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
