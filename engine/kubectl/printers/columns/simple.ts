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
    // formatEndpoints: ports outer, addresses inner, the first 3 then `+ N more...`.
    cell: (o) => {
      const subsets = (o['subsets'] as { addresses?: { ip: string }[]; ports?: { port: number }[] }[] | undefined) ?? [];
      if (subsets.length === 0) return '<none>';
      const list: string[] = [];
      let count = 0;
      let more = false;
      for (const s of subsets) {
        const addrs = s.addresses ?? [];
        for (const p of s.ports?.length ? s.ports : [undefined]) {
          count += addrs.length;
          for (const a of addrs) {
            if (list.length === 3) {
              more = true;
              break;
            }
            list.push(p ? (a.ip.includes(':') ? `[${a.ip}]:${p.port}` : `${a.ip}:${p.port}`) : a.ip);
          }
        }
      }
      return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
    },
  },
  ageCol,
];
