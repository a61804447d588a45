// Small printers: configmaps, secrets, serviceaccounts, endpoints, and the generic
// NAME AGE table every other registered type falls back to (printers.go).
import type { KubeObject } from '../../../api/meta.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';

const name: Column = { name: 'Name', cell: (o) => o.metadata.name ?? '' };
const ageCol: Column = { name: 'Age', cell: (o, cx) => age(o.metadata.creationTimestamp, cx) };
const keys = (o: KubeObject, f: string) => Object.keys((o[f] as Record<string, unknown> | undefined) ?? {}).length;

export const generic: Column[] = [name, ageCol];

export const configmaps: Column[] = [name, { name: 'Data', cell: (o) => String(keys(o, 'data') + keys(o, 'binaryData')) }, ageCol];

export const secrets: Column[] = [name, { name: 'Type', cell: (o) => String(o['type'] ?? '') }, { name: 'Data', cell: (o) => String(keys(o, 'data')) }, ageCol];

export const serviceaccounts: Column[] = [name, { name: 'Secrets', cell: (o) => String(((o['secrets'] as unknown[]) ?? []).length) }, ageCol];

export const endpoints: Column[] = [
  name,
  {
    name: 'Endpoints',
    cell: (o) => {
      const subsets = (o['subsets'] as { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined) ?? [];
      const all: string[] = [];
      for (const s of subsets) for (const a of s.addresses ?? []) for (const p of s.ports?.length ? s.ports : [undefined]) all.push(p ? `${a.ip}:${p.port}` : a.ip);
      if (all.length === 0) return '<none>';
      return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
    },
  },
  ageCol,
];
