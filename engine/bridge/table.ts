// Server-side printing (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`): kubectl get
// asks the API server for a meta.k8s.io/v1 Table and prints its cells. The cells come from the
// same column functions the in-tab kubectl prints with (kubectl/printers/columns), so both
// kubectls show the same rows.
import type { KubeObject } from '../api/meta.ts';
import { columnsFor } from '../kubectl/printers/columns/index.ts';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((a) => /;as=Table(;|$)/.test(a.replace(/\s/g, '')) && a.includes('g=meta.k8s.io'));
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function columnDefinitions(resource: string): unknown[] {
  return columnsFor(resource).map((c, i) => ({
    name: c.name,
    type: 'string',
    format: i === 0 && c.name === 'Name' ? 'name' : '',
    description: '',
    priority: c.wide ? 1 : 0,
  }));
}

function rowObject(o: KubeObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export interface TableOptions {
  now: number;
  include: IncludeObject;
  /** Watch events after the first carry no column definitions (as upstream). */
  withColumns?: boolean;
  resourceVersion?: string;
  continueToken?: string;
  remaining?: number;
}

export function toTable(resource: string, objects: readonly KubeObject[], opts: TableOptions): Record<string, unknown> {
  const cols = columnsFor(resource);
  const cx = { now: opts.now };
  const rows = objects.map((o) => {
    const row: Record<string, unknown> = { cells: cols.map((c) => c.cell(o, cx)) };
    const obj = rowObject(o, opts.include);
    if (obj !== undefined) row['object'] = obj;
    return row;
  });
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion) metadata['resourceVersion'] = opts.resourceVersion;
  if (opts.continueToken) metadata['continue'] = opts.continueToken;
  if (opts.remaining !== undefined) metadata['remainingItemCount'] = opts.remaining;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.withColumns === false ? null : columnDefinitions(resource),
    rows,
  };
}
