// The objects a command acts on (cli-runtime's resource.Builder for label, annotate, patch,
// wait, edit, ...): `TYPE NAME...`, `TYPE/NAME...`, `-f FILE`, `TYPE -l SEL`, `TYPE --all`.
// Missing objects become kubectl's per-object errors; the caller prints them at the end.
import type { KubeObject } from '../api/meta.ts';
import { SelectorParseError } from '../api/labels.ts';
import { resourceKey, type ResourceType } from '../apiserver/registry.ts';
import { ApiError } from '../apiserver/status.ts';
import { CommandError, type CommandContext } from './command.ts';
import { fatalError, readManifestArgs } from './commands/manifest-args.ts';
import { resolveArgs, ResourceArgError, shortNameWarnings } from './resource-args.ts';
import { errorText, selectorListError } from './server-errors.ts';

export interface Target {
  type: ResourceType;
  key: string;
  namespace: string | undefined;
  name: string;
  /** The live object (undefined with `local`). */
  object: KubeObject;
  /** File name when it came from -f. */
  source?: string;
}

export interface TargetOptions {
  /** Positional arguments naming resources (others, like KEY=VAL, already removed). */
  args: string[];
  /** Allow TYPE alone with -l / --all (label, annotate, wait). */
  selectable?: boolean;
  /** The error when nothing names a resource. */
  missing?: string;
}

export interface Targets {
  targets: Target[];
  errors: string[];
}

export function collectTargets(cx: CommandContext, opts: TargetOptions): Targets {
  const f = cx.flags;
  const files = f.list('filename');
  const ns = cx.namespace;
  const out: Targets = { targets: [], errors: [] };
  if (files.length) {
    const docs = readManifestArgs(cx, files);
    const missing = fatalError(docs);
    if (missing) throw new CommandError(missing.replace(/^error: /, '').trimEnd());
    out.errors.push(...docs.errors);
    for (const m of docs.objects) {
      const key = resourceKey(m.type);
      const namespace = m.type.namespaced ? m.object.metadata.namespace || ns : undefined;
      const name = m.object.metadata.name ?? '';
      try {
        out.targets.push({ type: m.type, key, namespace, name, object: cx.api.get(key, namespace, name), source: m.source });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        out.errors.push(errorText(e));
      }
    }
    return out;
  }
  if (opts.args.length === 0) throw new CommandError(opts.missing ?? 'one or more resources must be specified as <resource> <name> or <resource>/<name>');
  let resolved;
  try {
    resolved = resolveArgs(opts.args);
    for (const w of shortNameWarnings(opts.args)) cx.err(w);
  } catch (e) {
    if (e instanceof ResourceArgError) throw new CommandError(e.message);
    throw e;
  }
  const selector = f.has('selector') ? f.str('selector') : '';
  const fieldSelector = f.has('field-selector') ? f.str('field-selector') : '';
  const all = f.bool('all');
  const allNs = f.bool('all-namespaces');
  for (const req of resolved.requests) {
    const key = resourceKey(req.type);
    if (req.names.length) {
      if (selector) throw new CommandError('name cannot be provided when a selector is specified');
      for (const name of req.names) {
        const namespace = req.type.namespaced ? ns : undefined;
        try {
          out.targets.push({ type: req.type, key, namespace, name, object: cx.api.get(key, namespace, name) });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          out.errors.push(errorText(e));
        }
      }
      continue;
    }
    if (!(opts.selectable && (all || selector || fieldSelector))) throw new CommandError('resource(s) were provided, but no name was specified');
    const listOpts: { labelSelector?: string; fieldSelector?: string } = {};
    if (selector) listOpts.labelSelector = selector;
    if (fieldSelector) listOpts.fieldSelector = fieldSelector;
    try {
      for (const o of cx.api.list(key, req.type.namespaced && !allNs ? ns : undefined, listOpts))
        out.targets.push({ type: req.type, key, namespace: o.metadata.namespace, name: o.metadata.name ?? '', object: o });
    } catch (e) {
      if (e instanceof SelectorParseError) throw selectorListError(req.type, f.str('selector'), f.str('field-selector'), e.message);
      if (e instanceof ApiError && e.status.reason === 'BadRequest') throw selectorListError(req.type, f.str('selector'), f.str('field-selector'), e.status.message);
      throw e;
    }
  }
  return out;
}

/** Go's json.Marshal length of an object, enough for kubectl's "unlabeled" length check. */
export function jsonLength(o: unknown): number {
  return JSON.stringify(o).length;
}
