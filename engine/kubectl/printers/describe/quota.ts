// kubectl describe resourcequota|limitrange, and the summaries describe namespace prints:
// describeQuota, describeLimitRange, DescribeResourceQuotas, DescribeLimitRanges in
// pkg/describe/describe.go. Resources are sorted (Go ranges over maps in random order).
import type { KubeObject } from '../../../api/meta.ts';
import { DescribeWriter } from './writer.ts';

type List = Record<string, string>;
export interface Quota extends KubeObject {
  spec?: { scopes?: string[] };
  status?: { hard?: List; used?: List };
}
export interface LimitRange extends KubeObject {
  spec?: { limits?: { type?: string; max?: List; min?: List; default?: List; defaultRequest?: List; maxLimitRequestRatio?: List }[] };
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

function scopes(w: DescribeWriter, level: number, q: Quota, bullet: string): void {
  const list = [...(q.spec?.scopes ?? [])].sort();
  if (!list.length) return;
  w.write(level, `Scopes:\t${list.join(', ')}\n`);
  for (const s of list) if (SCOPE_HELP[s]) w.write(level, `${bullet}${SCOPE_HELP[s]}\n`);
}

export function describeQuota(q: Quota): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${q.metadata.name}\n`);
  w.write(0, `Namespace:\t${q.metadata.namespace ?? ''}\n`);
  scopes(w, 0, q, ' * ');
  w.write(0, 'Resource\tUsed\tHard\n');
  w.write(0, '--------\t----\t----\n');
  for (const r of Object.keys(q.status?.hard ?? {}).sort()) w.write(0, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status!.hard![r]}\n`);
  return w.toString();
}

function limitRangeRows(w: DescribeWriter, lr: LimitRange, prefix: string): void {
  for (const item of lr.spec?.limits ?? []) {
    const names = new Set([...Object.keys(item.max ?? {}), ...Object.keys(item.min ?? {}), ...Object.keys(item.default ?? {}), ...Object.keys(item.defaultRequest ?? {}), ...Object.keys(item.maxLimitRequestRatio ?? {})]);
    for (const k of [...names].sort()) {
      const v = (m: List | undefined) => m?.[k] ?? '-';
      w.write(0, `${prefix}${item.type ?? ''}\t${k}\t${v(item.min)}\t${v(item.max)}\t${v(item.defaultRequest)}\t${v(item.default)}\t${v(item.maxLimitRequestRatio)}\n`);
    }
  }
}

export function describeLimitRange(lr: LimitRange): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${lr.metadata.name}\n`);
  w.write(0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, lr, '');
  return w.toString();
}

export function describeResourceQuotas(w: DescribeWriter, quotas: Quota[]): void {
  if (!quotas.length) return w.write(0, 'No resource quota.\n');
  w.write(0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))) {
    w.write(1, `Name:\t${q.metadata.name}\n`);
    scopes(w, 1, q, '* ');
    w.write(1, 'Resource\tUsed\tHard\n');
    w.write(1, '--------\t---\t---\n');
    for (const r of Object.keys(q.status?.hard ?? {}).sort()) w.write(1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${q.status!.hard![r]}\n`);
  }
}

export function describeLimitRanges(w: DescribeWriter, ranges: LimitRange[]): void {
  if (!ranges.length) return w.write(0, 'No LimitRange resource.\n');
  w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) limitRangeRows(w, lr, ' ');
}
