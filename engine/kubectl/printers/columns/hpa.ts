// printHorizontalPodAutoscaler (pkg/printers/internalversion): NAME REFERENCE TARGETS MINPODS
// MAXPODS REPLICAS AGE, TARGETS as formatHPAMetrics renders it in v1.32 (`cpu: 45%/80%`,
// `cpu: <unknown>/80%`, at most two then ` + N more...`).
import type { KubeObject } from '../../../api/meta.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';

type Rec = Record<string, any>;
type Hpa = KubeObject & { spec?: Rec; status?: Rec };

export function formatHpaMetrics(specs: Rec[] | undefined, statuses: Rec[] | undefined): string {
  if (!specs?.length) return '<none>';
  const list: string[] = [];
  specs.forEach((s, i) => {
    const st = statuses?.[i];
    if (s['type'] === 'Resource' || s['type'] === 'ContainerResource') {
      const r = s['type'] === 'Resource' ? s['resource'] : s['containerResource'];
      const cur = st?.[s['type'] === 'Resource' ? 'resource' : 'containerResource']?.current;
      if (r.target?.averageValue !== undefined) list.push(`${r.name}: ${cur?.averageValue ?? '<unknown>'}/${r.target.averageValue}`);
      else {
        const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>';
        const target = r.target?.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : '<auto>';
        list.push(`${r.name}: ${current}/${target}`);
      }
    } else list.push('<unknown type>');
  });
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const hpas: Column<Hpa>[] = [
  { name: 'Name', cell: (o) => o.metadata.name ?? '' },
  { name: 'Reference', cell: (o) => `${o.spec?.['scaleTargetRef']?.kind ?? ''}/${o.spec?.['scaleTargetRef']?.name ?? ''}` },
  { name: 'Targets', cell: (o) => formatHpaMetrics(o.spec?.['metrics'], o.status?.['currentMetrics'] ?? undefined) },
  { name: 'MinPods', cell: (o) => (o.spec?.['minReplicas'] === undefined ? '<unset>' : String(o.spec['minReplicas'])) },
  { name: 'MaxPods', cell: (o) => String(o.spec?.['maxReplicas'] ?? 0) },
  { name: 'Replicas', cell: (o) => String(o.status?.['currentReplicas'] ?? 0) },
  { name: 'Age', cell: (o, cx) => age(o.metadata.creationTimestamp, cx) },
];
