// Tables for RBAC, quota, priority and disruption kinds, as printers.go prints them:
// roles (NAME, CREATED AT), bindings (NAME, ROLE, AGE; wide USERS, GROUPS, SERVICEACCOUNTS),
// resourcequotas (NAME, AGE, REQUEST, LIMIT), limitranges, priorityclasses, pdbs, leases.
import type { KubeObject } from '../../../api/meta.ts';
import { canonicalQuantity } from '../../../api/quantity.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';

const name: Column = { name: 'Name', cell: (o) => o.metadata.name ?? '' };
const ageCol: Column = { name: 'Age', cell: (o, cx) => age(o.metadata.creationTimestamp, cx) };
const createdAt: Column = { name: 'Created At', cell: (o) => o.metadata.creationTimestamp ?? '' };

export const roles: Column[] = [name, createdAt];
export const limitranges: Column[] = [name, createdAt];

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

const subjects = (o: KubeObject, kind: string) =>
  ((o['subjects'] as Subject[] | undefined) ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');

export const bindings: Column[] = [
  name,
  { name: 'Role', cell: (o) => `${(o['roleRef'] as { kind?: string })?.kind ?? ''}/${(o['roleRef'] as { name?: string })?.name ?? ''}` },
  ageCol,
  { name: 'Users', wide: true, cell: (o) => subjects(o, 'User') },
  { name: 'Groups', wide: true, cell: (o) => subjects(o, 'Group') },
  { name: 'ServiceAccounts', wide: true, cell: (o) => subjects(o, 'ServiceAccount') },
];

function quantity(v: string | undefined): string {
  if (v === undefined) return '0';
  try {
    return canonicalQuantity(v);
  } catch {
    return v;
  }
}

function quotaCell(o: KubeObject, limits: boolean): string {
  const status = (o['status'] as { hard?: Record<string, string>; used?: Record<string, string> } | undefined) ?? {};
  const hard = status.hard ?? {};
  const used = status.used ?? {};
  return Object.keys(hard)
    .sort()
    .filter((k) => (k.split('.')[0] === 'limits' && k.includes('.')) === limits)
    .map((k) => `${k}: ${quantity(used[k])}/${quantity(hard[k])}`)
    .join(', ');
}

export const resourcequotas: Column[] = [name, ageCol, { name: 'Request', cell: (o) => quotaCell(o, false) }, { name: 'Limit', cell: (o) => quotaCell(o, true) }];

export const priorityclasses: Column[] = [
  name,
  { name: 'Value', cell: (o) => String(o['value'] ?? 0) },
  { name: 'Global-Default', cell: (o) => String(o['globalDefault'] ?? false) },
  ageCol,
  { name: 'PreemptionPolicy', cell: (o) => String(o['preemptionPolicy'] ?? '') },
];

const spec = (o: KubeObject) => (o['spec'] as Record<string, unknown> | undefined) ?? {};

export const poddisruptionbudgets: Column[] = [
  name,
  { name: 'Min Available', cell: (o) => (spec(o)['minAvailable'] === undefined ? 'N/A' : String(spec(o)['minAvailable'])) },
  { name: 'Max Unavailable', cell: (o) => (spec(o)['maxUnavailable'] === undefined ? 'N/A' : String(spec(o)['maxUnavailable'])) },
  { name: 'Allowed Disruptions', cell: (o) => String((o['status'] as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0) },
  ageCol,
];

export const leases: Column[] = [name, { name: 'Holder', cell: (o) => String(spec(o)['holderIdentity'] ?? '') }, ageCol];
