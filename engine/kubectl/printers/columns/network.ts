// `kubectl get` columns for discovery and networking kinds (printers.go): endpointslices
// (ADDRESSTYPE, up to 3 ports/addresses then "+ N more...", `<unset>` when empty), ingresses,
// ingressclasses and networkpolicies.
import type { KubeObject, LabelSelector } from '../../../api/meta.ts';
import { formatLabelSelector } from '../../../api/labels.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';

const name: Column = { name: 'Name', cell: (o) => o.metadata.name ?? '' };
const ageCol: Column = { name: 'Age', cell: (o, cx) => age(o.metadata.creationTimestamp, cx) };

function listWithMore(list: string[], count: number, max = 3): string {
  const ret = list.slice(0, max).join(',');
  if (count > max) return `${ret} + ${count - max} more...`;
  return ret || '<unset>';
}

export const endpointslices: Column[] = [
  name,
  { name: 'AddressType', cell: (o) => String(o['addressType'] ?? '') },
  {
    name: 'Ports',
    cell: (o) => {
      const ports = (o['ports'] as { name?: string; port?: number }[] | undefined) ?? [];
      return listWithMore(ports.map((p) => (p.port !== undefined ? String(p.port) : p.name ?? '*')), ports.length);
    },
  },
  {
    name: 'Endpoints',
    cell: (o) => {
      const addrs = ((o['endpoints'] as { addresses?: string[] }[] | undefined) ?? []).flatMap((e) => e.addresses ?? []);
      return listWithMore(addrs, addrs.length);
    },
  },
  ageCol,
];

interface IngressLike extends KubeObject {
  spec?: { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

function formatHosts(rules: { host?: string }[]): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

export const ingresses: Column[] = [
  name,
  { name: 'Class', cell: (o) => (o as IngressLike).spec?.ingressClassName ?? '<none>' },
  { name: 'Hosts', cell: (o) => formatHosts((o as IngressLike).spec?.rules ?? []) },
  { name: 'Address', cell: (o) => ((o as IngressLike).status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean).join(',') },
  { name: 'Ports', cell: (o) => ((o as IngressLike).spec?.tls?.length ? '80, 443' : '80') },
  ageCol,
];

export const ingressclasses: Column[] = [
  name,
  { name: 'Controller', cell: (o) => String((o['spec'] as { controller?: string } | undefined)?.controller ?? '') },
  {
    name: 'Parameters',
    cell: (o) => {
      const p = (o['spec'] as { parameters?: { kind: string; name: string; apiGroup?: string } } | undefined)?.parameters;
      return p ? `${p.kind}.${p.apiGroup ?? ''}/${p.name}` : '<none>';
    },
  },
  ageCol,
];

export const networkpolicies: Column[] = [
  name,
  {
    name: 'Pod-Selector',
    cell: (o) => {
      const s = formatLabelSelector((o['spec'] as { podSelector?: LabelSelector } | undefined)?.podSelector);
      return s === '' ? '<none>' : s;
    },
  },
  ageCol,
];
