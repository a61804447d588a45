// The table printer of `kubectl get`: column definitions are data (columns/<kind>.ts), this
// file is the only one that knows the layout — upper-cased headers, priority-1 columns only
// with -o wide, NAMESPACE first with -A, label columns (-L) and LABELS (--show-labels) last,
// `kind.group/name` in NAME when several kinds print, and the tabwriter's spacing
// (minwidth 6, padding 3; k8s.io/cli-runtime/pkg/printers/tabwriter.go).
import type { KubeObject } from '../../api/meta.ts';
import { tabwrite } from './tabwriter.ts';

export interface RowContext {
  /** Virtual now (epoch ms), for AGE-like cells. */
  now: number;
}

export interface Column<T extends KubeObject = KubeObject> {
  /** As upstream names it ("Nominated Node"); printed upper-cased. */
  name: string;
  /** Upstream Priority 1: only with -o wide. */
  wide?: boolean;
  cell(o: T, cx: RowContext): string;
}

export interface TableOptions {
  wide?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  /** -L key,... */
  labelColumns?: string[];
  allNamespaces?: boolean;
  /** Prefix NAME with `kind.group/` (several kinds in one get, or TYPE/NAME args). */
  withKind?: string;
}

const TABLE = { minwidth: 6, padding: 3 } as const;

/** The rows (header first unless noHeaders) as cells. */
export function tableRows(columns: readonly Column[], objects: readonly KubeObject[], opts: TableOptions, cx: RowContext): string[][] {
  const cols = columns.filter((c) => opts.wide || !c.wide);
  const rows: string[][] = [];
  if (!opts.noHeaders) {
    const h = cols.map((c) => c.name.toUpperCase());
    if (opts.allNamespaces) h.unshift('NAMESPACE');
    for (const l of opts.labelColumns ?? []) h.push(labelColumnHeader(l));
    if (opts.showLabels) h.push('LABELS');
    rows.push(h);
  }
  for (const o of objects) {
    const r = cols.map((c, i) => {
      const v = c.cell(o, cx);
      return i === 0 && opts.withKind ? `${opts.withKind}/${v}` : v;
    });
    if (opts.allNamespaces) r.unshift(o.metadata.namespace ?? '');
    for (const l of opts.labelColumns ?? []) r.push(o.metadata.labels?.[l] ?? '');
    if (opts.showLabels) r.push(formatLabels(o.metadata.labels));
    rows.push(r);
  }
  return rows;
}

/** Renders rows through the tabwriter. `remembered` keeps widths across calls (get -w). */
export function renderRows(rows: string[][], remembered?: number[]): string {
  if (rows.length === 0) return '';
  return tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', TABLE, remembered);
}

export function printTable(columns: readonly Column[], objects: readonly KubeObject[], opts: TableOptions, cx: RowContext, remembered?: number[]): string {
  return renderRows(tableRows(columns, objects, opts, cx), remembered);
}

/** labels.FormatLabels: sorted `k=v` pairs, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

function labelColumnHeader(key: string): string {
  // -L app.kubernetes.io/name prints the last path segment upper-cased.
  const parts = key.split('/');
  return parts[parts.length - 1]!.toUpperCase();
}
