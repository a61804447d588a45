// `kubectl get services` columns: printService (printers.go).
import type { Service } from '../../../api/core-v1.ts';
import type { Column } from '../table.ts';
import { formatLabels } from '../table.ts';
import { age } from './pod.ts';

function lbStatus(s: Service, wide: boolean): string {
  const r = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean).join(',');
  return !wide && r.length > 16 ? `${r.slice(0, 13)}...` : r;
}

export function externalIP(s: Service, wide: boolean): string {
  const ext = (s.spec['externalIPs'] as string[] | undefined) ?? [];
  switch (s.spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbStatus(s, wide);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return s.spec.externalName ?? '';
  }
  return '<unknown>';
}

export function portString(s: Service): string {
  const p = (s.spec.ports ?? []).map((x) => (x.nodePort ? `${x.port}:${x.nodePort}/${x.protocol ?? 'TCP'}` : `${x.port}/${x.protocol ?? 'TCP'}`));
  return p.length ? p.join(',') : '<none>';
}

export const columns: Column<Service>[] = [
  { name: 'Name', cell: (s) => s.metadata.name ?? '' },
  { name: 'Type', cell: (s) => s.spec.type ?? '' },
  { name: 'Cluster-IP', cell: (s) => s.spec.clusterIP || '<none>' },
  { name: 'External-IP', cell: (s) => externalIP(s, false) },
  { name: 'Port(s)', cell: portString },
  { name: 'Age', cell: (s, cx) => age(s.metadata.creationTimestamp, cx) },
  { name: 'Selector', wide: true, cell: (s) => formatLabels(s.spec.selector) },
];
