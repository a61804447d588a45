// kubectl describe TYPE [NAME_PREFIX | NAME...] | TYPE/NAME | -f | -l. When a name is not
// found exactly, describe falls back to every object whose name starts with it, as
// pkg/cmd/describe/describe.go does. Objects are separated by a blank line pair.
import type { KubeObject } from '../../api/meta.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError, notFound } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { describeObject } from '../printers/describe/index.ts';
import { resolveArgs, ResourceArgError, shortNameWarnings } from '../resource-args.ts';
import { errorText } from '../server-errors.ts';
import { readManifestArgs } from './manifest-args.ts';

export const describe: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'show-events', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
  ],
  run,
};

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const ns = cx.namespace;
  const allNs = f.bool('all-namespaces');
  const found: { resource: string; obj: KubeObject }[] = [];
  const errors: string[] = [];
  if (f.list('filename').length) {
    const docs = readManifestArgs(cx, f.list('filename'));
    errors.push(...docs.errors);
    for (const d of docs.objects) {
      try {
        const key = resourceKey(d.type);
        found.push({ resource: key, obj: cx.api.get(key, d.type.namespaced ? d.object.metadata.namespace ?? ns : undefined, d.object.metadata.name ?? '') });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(errorText(e));
      }
    }
  } else {
    if (f.args.length === 0)
      throw new CommandError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    let resolved;
    try {
      resolved = resolveArgs(f.args);
      for (const w of shortNameWarnings(f.args)) cx.err(w);
    } catch (e) {
      if (e instanceof ResourceArgError) throw new CommandError(e.message);
      throw e;
    }
    for (const req of resolved.requests) {
      const key = resourceKey(req.type);
      const scope = req.type.namespaced ? (allNs ? undefined : ns) : undefined;
      if (req.names.length === 0) {
        const opts = f.str('selector') ? { labelSelector: f.str('selector') } : {};
        for (const o of cx.api.list(key, scope, opts)) found.push({ resource: key, obj: o });
        continue;
      }
      for (const name of req.names) {
        const exact = cx.api.tryGet(key, req.type.namespaced ? ns : undefined, name);
        if (exact) {
          found.push({ resource: key, obj: exact });
          continue;
        }
        const prefixed = cx.api.list(key, scope).filter((o) => (o.metadata.name ?? '').startsWith(name));
        if (prefixed.length === 0) errors.push(errorText(notFound({ group: req.type.group, resource: req.type.plural }, name)));
        for (const o of prefixed) found.push({ resource: key, obj: o });
      }
    }
    if (found.length === 0 && errors.length === 0) {
      // describe.go names the namespace whenever -A is not given, cluster-scoped kinds too.
      cx.err(!allNs ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      return 0;
    }
  }
  const dcx = { api: cx.api, now: cx.now() };
  cx.out(found.map((x) => describeObject(dcx, x.resource, x.obj)).join('\n\n'));
  for (const e of errors) cx.err(e);
  return errors.length ? 1 : 0;
}
