// kubectl get: tables per kind (printers/columns), -o wide|yaml|json|name|jsonpath, -A,
// -l, --field-selector, --show-labels, -L, --no-headers, --ignore-not-found and -w.
// Mirrors k8s.io/kubectl/pkg/cmd/get/get.go.
import type { KubeObject } from '../../api/meta.ts';
import { matches, parseSelector, SelectorParseError } from '../../api/labels.ts';
import { compileFieldSelector } from '../../apiserver/field-selectors.ts';
import type { ResourceType } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { columnsFor } from '../printers/columns/index.ts';
import { renderObjects } from '../printers/output.ts';
import { JsonPathError, parseTemplate, relaxedJsonPath, templateResults } from '../printers/jsonpath.ts';
import { printTable, renderRows, tableRows, type TableOptions } from '../printers/table.ts';
import { parseOutput, type OutputFormat } from '../output-format.ts';
import { kindPrefix, resolveArgs, ResourceArgError, shortNameWarnings, type ResourceRequest } from '../resource-args.ts';
import { errorText, selectorListError } from '../server-errors.ts';
import { readManifestArgs } from './manifest-args.ts';

const MISSING_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

export const get: Command = {
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'stringSlice' },
    { name: 'no-headers', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'sort-by', type: 'string' },
    { name: 'server-print', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'subresource', type: 'string' },
  ],
  run,
};

interface Found {
  type: ResourceType;
  objects: KubeObject[];
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const output = parseOutput(f.str('output'), true, { template: f.str('template'), read: (p) => cx.env.workspace.read(p) })!;
  const files = f.list('filename');
  if (f.args.length === 0 && files.length === 0) {
    cx.err(MISSING_TYPE);
    return 1;
  }
  const allNs = f.bool('all-namespaces');
  const ns = cx.namespace;
  const errors: string[] = [];
  let found: Found[] = [];
  let single = false;
  let multipleTypes = false;

  if (files.length) {
    const docs = readManifestArgs(cx, files);
    for (const e of docs.errors) errors.push(e);
    for (const d of docs.objects) {
      try {
        const o = cx.api.get(resourceKey(d.type), d.type.namespaced ? d.object.metadata.namespace ?? ns : undefined, d.object.metadata.name ?? '');
        const prev = found.find((x) => x.type === d.type);
        if (prev) prev.objects.push(o);
        else found.push({ type: d.type, objects: [o] });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(errorText(e));
      }
    }
    single = docs.objects.length === 1;
    multipleTypes = found.length > 1;
  } else {
    let resolved;
    try {
      resolved = resolveArgs(f.args);
      for (const w of shortNameWarnings(f.args)) cx.err(w);
    } catch (e) {
      if (e instanceof ResourceArgError) throw new CommandError(e.message);
      throw e;
    }
    single = resolved.singleItem;
    multipleTypes = resolved.multipleTypes;
    if (f.bool('watch') || f.bool('watch-only')) {
      if (resolved.requests.length !== 1) throw new CommandError('you may only specify a single resource type');
      return watch(cx, resolved.requests[0]!, output);
    }
    for (const req of resolved.requests) {
      const r = fetch(cx, req, allNs, ns);
      errors.push(...r.errors);
      found.push({ type: req.type, objects: r.objects });
    }
  }

  if (f.str('sort-by')) found = found.map((x) => ({ ...x, objects: sortBy(x.objects, f.str('sort-by')) }));
  const total = found.reduce((n, x) => n + x.objects.length, 0);
  if (output.kind === 'custom-columns') {
    const objs = found.flatMap((x) => x.objects);
    if (objs.length) print(cx, objs, output, single);
    else if (errors.length === 0 && !f.bool('ignore-not-found')) cx.err(found.some((x) => x.type.namespaced) && !allNs ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
  } else if (output.kind === 'table') {
    const showKind = multipleTypes || f.bool('show-kind') || found.filter((x) => x.objects.length).length > 1;
    const blocks: string[] = [];
    for (const x of found) {
      if (x.objects.length === 0) continue;
      blocks.push(printTable(columnsFor(resourceKey(x.type)), x.objects, tableOpts(cx, output.wide, allNs, showKind ? kindPrefix(x.type) : undefined), { now: cx.now() }));
    }
    cx.out(blocks.join('\n'));
    if (total === 0 && errors.length === 0 && !f.bool('ignore-not-found')) {
      const namespaced = found.some((x) => x.type.namespaced);
      cx.err(namespaced && !allNs ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
    }
  } else {
    const objs = found.flatMap((x) => x.objects);
    if (!(single && objs.length === 0)) print(cx, objs, output, single);
  }
  for (const e of errors) cx.err(e);
  return errors.length ? 1 : 0;
}

function print(cx: CommandContext, objs: KubeObject[], output: OutputFormat, single: boolean): void {
  if (output.kind === 'table') return;
  cx.out(renderObjects(objs, output, single, { showManagedFields: cx.flags.bool('show-managed-fields'), noHeaders: cx.flags.bool('no-headers') }));
}

/** --sort-by: kubectl's RuntimeSort (numbers numerically, strings in natural order). */
function sortBy(objs: KubeObject[], expr: string): KubeObject[] {
  let nodes;
  try {
    nodes = parseTemplate(relaxedJsonPath(expr));
  } catch (e) {
    if (e instanceof JsonPathError) throw new CommandError(e.message);
    throw e;
  }
  const keyed = objs.map((o) => {
    let v: unknown;
    try {
      v = templateResults(nodes, JSON.parse(JSON.stringify(o)))[0];
    } catch {
      v = undefined;
    }
    return { o, v };
  });
  if (objs.length > 1 && keyed.every((k) => k.v === undefined)) throw new CommandError(`couldn't find any field with path "${relaxedJsonPath(expr)}" in the list of objects`);
  keyed.sort((a, b) => lessThan(a.v, b.v) ? -1 : lessThan(b.v, a.v) ? 1 : 0);
  return keyed.map((k) => k.o);
}

function lessThan(a: unknown, b: unknown): boolean {
  if (a === undefined) return b !== undefined;
  if (b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return naturalLess(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  return JSON.stringify(a) < JSON.stringify(b);
}

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalLess(a: string, b: string): boolean {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = x.replace(/^0+/, '');
      const ny = y.replace(/^0+/, '');
      if (nx.length !== ny.length) return nx.length < ny.length;
      if (nx !== ny) return nx < ny;
      return x.length < y.length;
    }
    return x < y;
  }
  return ra.length < rb.length;
}

function tableOpts(cx: CommandContext, wide: boolean, allNs: boolean, withKind?: string): TableOptions {
  const f = cx.flags;
  const o: TableOptions = { wide, noHeaders: f.bool('no-headers'), showLabels: f.bool('show-labels'), labelColumns: f.list('label-columns'), allNamespaces: allNs };
  if (withKind) o.withKind = withKind;
  return o;
}

function fetch(cx: CommandContext, req: ResourceRequest, allNs: boolean, ns: string): { objects: KubeObject[]; errors: string[] } {
  const key = resourceKey(req.type);
  const scope = req.type.namespaced && !allNs ? ns : undefined;
  const errors: string[] = [];
  if (req.names.length) {
    const objects: KubeObject[] = [];
    for (const n of req.names) {
      try {
        objects.push(cx.api.get(key, req.type.namespaced ? ns : undefined, n));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        if (!(cx.flags.bool('ignore-not-found') && e.status.reason === 'NotFound')) errors.push(errorText(e));
      }
    }
    return { objects, errors };
  }
  try {
    const opts: { labelSelector?: string; fieldSelector?: string } = {};
    if (cx.flags.str('selector')) opts.labelSelector = cx.flags.str('selector');
    if (cx.flags.str('field-selector')) opts.fieldSelector = cx.flags.str('field-selector');
    return { objects: cx.api.list(key, scope, opts), errors };
  } catch (e) {
    const why = e instanceof SelectorParseError ? e.message : e instanceof ApiError && e.status.reason === 'BadRequest' ? e.status.message : undefined;
    if (why === undefined) throw e;
    throw selectorListError(req.type, cx.flags.str('selector'), cx.flags.str('field-selector'), why);
  }
}

/** get -w: the current table, then one row per change until cancelled (the session's bound). */
async function watch(cx: CommandContext, req: ResourceRequest, output: OutputFormat): Promise<number> {
  const allNs = cx.flags.bool('all-namespaces');
  const ns = cx.namespace;
  const key = resourceKey(req.type);
  const widths: number[] = [];
  const columns = columnsFor(key);
  const wide = output.kind === 'table' && output.wide;
  const opts = tableOpts(cx, wide, allNs);
  let headerDone = cx.flags.bool('no-headers');
  const events = cx.flags.bool('output-watch-events');
  const emit = (objs: KubeObject[], type?: string) => {
    if (objs.length === 0) return;
    if (output.kind === 'table') {
      const rows = tableRows(columns, objs, { ...opts, noHeaders: headerDone }, { now: cx.now() });
      if (events) rows.forEach((r, i) => r.unshift(i === 0 && !headerDone ? 'EVENT' : type ?? 'ADDED'));
      headerDone = true;
      cx.out(renderRows(rows, widths));
    } else print(cx, objs, output, true);
  };
  const sel = cx.flags.str('selector') ? parseSelector(cx.flags.str('selector')) : undefined;
  const fieldOk = cx.flags.str('field-selector') ? compileFieldSelector(req.type, cx.flags.str('field-selector')) : () => true;
  const initial = fetch(cx, req, allNs, ns);
  for (const e of initial.errors) cx.err(e);
  if (initial.errors.length && req.names.length) return 1;
  if (!cx.flags.bool('watch-only')) emit(initial.objects);
  const inScope = (o: KubeObject) => {
    if (req.type.namespaced && !allNs && o.metadata.namespace !== ns) return false;
    if (req.names.length && !req.names.includes(o.metadata.name ?? '')) return false;
    if (sel && !matches(sel, o.metadata.labels)) return false;
    return fieldOk(o);
  };
  const stop = cx.api.watch((e) => {
    if (inScope(e.object)) emit([e.object], e.type);
  }, key);
  try {
    while (!cx.io.cancelled()) await cx.io.sleep(1000);
  } finally {
    stop();
  }
  return 0;
}
