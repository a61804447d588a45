// Prints objects in a non-table -o format: yaml, json, name, jsonpath(-as-json),
// go-template and custom-columns. One object alone prints as itself, several (or a list
// query) as a `kind: List`, as kubectl's printers receive them.
import type { KubeObject } from '../../api/meta.ts';
import { CommandError } from '../command.ts';
import type { OutputFormat } from '../output-format.ts';
import { executeGoTemplate, fmtValue, parseGoTemplate, TemplateError } from './go-template.ts';
import { executionError, JsonPathError, parseTemplate, relaxedJsonPath, renderNodes, templateResults } from './jsonpath.ts';
import { listOf, printGeneric, stripManagedFields } from './objects.ts';
import { renderRows } from './table.ts';

export interface RenderOptions {
  showManagedFields?: boolean;
  /** Generator output keeps `creationTimestamp: null` and typed field order. */
  typed?: boolean;
  noHeaders?: boolean;
}

/** The text for objects in `output`; throws CommandError with kubectl's message. */
export function renderObjects(objs: KubeObject[], output: OutputFormat, single: boolean, opts: RenderOptions = {}): string {
  switch (output.kind) {
    case 'table':
      return '';
    case 'yaml':
    case 'json':
    case 'name':
      return printGeneric(objs, output.kind, single, opts.showManagedFields ?? false, opts.typed ?? false);
    case 'jsonpath': {
      const data = plain(single && objs.length === 1 ? maybeStrip(objs[0]!, opts) : listOf(objs.map((o) => maybeStrip(o, opts))));
      let nodes;
      try {
        nodes = parseTemplate(output.template);
      } catch (e) {
        if (e instanceof JsonPathError) throw new CommandError(e.message);
        throw e;
      }
      try {
        return renderNodes(nodes, data, output.asJson);
      } catch (e) {
        if (e instanceof JsonPathError) throw new CommandError(executionError(output.template, e.message, data).trimEnd() + '\n\n');
        throw e;
      }
    }
    case 'go-template': {
      const data = plain(single && objs.length === 1 ? maybeStrip(objs[0]!, opts) : listOf(objs.map((o) => maybeStrip(o, opts))));
      let nodes;
      try {
        nodes = parseGoTemplate(output.template);
      } catch (e) {
        if (e instanceof TemplateError) throw new CommandError(`error parsing template ${output.template}, ${e.message}`);
        throw e;
      }
      try {
        return executeGoTemplate(nodes, data);
      } catch (e) {
        if (e instanceof TemplateError) throw new CommandError(`error executing template ${JSON.stringify(output.template)}: ${e.message}`);
        throw e;
      }
    }
    case 'custom-columns':
      return customColumns(objs.map((o) => plain(o)), output.spec, output.fromFile, opts.noHeaders ?? false);
  }
}

function maybeStrip(o: KubeObject, opts: RenderOptions): KubeObject {
  return opts.showManagedFields ? o : stripManagedFields(o);
}

function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

interface ColumnSpec {
  header: string;
  path: string;
}

/** `NAME:.metadata.name,...` or a file: headers on line one, paths on line two. */
export function parseCustomColumns(spec: string, fromFile: boolean): ColumnSpec[] {
  if (fromFile) {
    const lines = spec.split('\n').filter((l) => l.trim() !== '');
    if (lines.length !== 2) throw new CommandError(`invalid template, expected two lines, got ${lines.length}`);
    const headers = lines[0]!.trim().split(/\s+/);
    const paths = lines[1]!.trim().split(/\s+/);
    if (headers.length !== paths.length) throw new CommandError(`number of headers (${headers.length}) and paths (${paths.length}) don't match`);
    return headers.map((header, i) => ({ header, path: relaxed(paths[i]!) }));
  }
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new CommandError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: relaxed(part.slice(colon + 1)) };
  });
}

function relaxed(path: string): string {
  try {
    return relaxedJsonPath(path);
  } catch (e) {
    if (e instanceof JsonPathError) throw new CommandError(e.message);
    throw e;
  }
}

function customColumns(objs: KubeObject[], spec: string, fromFile: boolean, noHeaders: boolean): string {
  const cols = parseCustomColumns(spec, fromFile);
  const parsed = cols.map((c) => {
    try {
      return parseTemplate(c.path);
    } catch (e) {
      if (e instanceof JsonPathError) throw new CommandError(e.message);
      throw e;
    }
  });
  const rows: string[][] = noHeaders ? [] : [cols.map((c) => c.header)];
  for (const o of objs) {
    rows.push(
      parsed.map((nodes) => {
        let values: unknown[];
        try {
          values = templateResults(nodes, o);
        } catch (e) {
          if (e instanceof JsonPathError) throw new CommandError(e.message);
          throw e;
        }
        return values.length === 0 ? '<none>' : values.map(fmtValue).join(',');
      }),
    );
  }
  return renderRows(rows);
}
