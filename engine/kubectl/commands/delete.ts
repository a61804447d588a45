// kubectl delete: TYPE NAME..., TYPE/NAME, -f, -l, --all; `deployment.apps "web" deleted`
// per object, then (default --wait) waits until the objects are really gone, as kubectl
// does for pods being terminated gracefully. Mirrors pkg/cmd/delete/delete.go.
import type { KubeObject } from '../../api/meta.ts';
import { SelectorParseError } from '../../api/labels.ts';
import type { DeleteOptions } from '../../apiserver/apiserver.ts';
import { resourceKey, type ResourceType } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';
import { kindPrefix, resolveArgs, ResourceArgError, shortNameWarnings } from '../resource-args.ts';
import { errorText, selectorListError } from '../server-errors.ts';
import { targetNamespace } from './apply.ts';
import { readManifestArgs } from './manifest-args.ts';

const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

export const del: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'cascade', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'raw', type: 'string' },
    { name: 'interactive', short: 'i', type: 'bool' },
  ],
  run,
};

interface Target {
  type: ResourceType;
  namespace: string | undefined;
  name: string;
  source?: string;
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const files = f.list('filename');
  const errors: string[] = [];
  const targets: Target[] = [];
  const ns = cx.namespace;
  const dry = dryRunOf(cx);
  const output = f.str('output');
  const propagation = cascadeOf(cx);
  if (output && output !== 'name') throw new CommandError(`unexpected -o output mode "${output}", the flag 'output' must be one of yaml|wide|name|json`);

  if (files.length) {
    const docs = readManifestArgs(cx, files);
    errors.push(...docs.errors);
    for (const m of docs.objects) {
      try {
        targets.push({ type: m.type, namespace: targetNamespace(cx, m), name: m.object.metadata.name ?? '', source: m.source });
      } catch (e) {
        errors.push(errorText(e));
      }
    }
  } else {
    if (f.args.length === 0) {
      cx.err(NO_RESOURCES);
      return 1;
    }
    let resolved;
    try {
      resolved = resolveArgs(f.args);
      for (const w of shortNameWarnings(f.args)) cx.err(w);
    } catch (e) {
      if (e instanceof ResourceArgError) throw new CommandError(e.message);
      throw e;
    }
    const bySelector = f.bool('all') || f.str('selector') !== '' || f.str('field-selector') !== '';
    for (const req of resolved.requests) {
      if (req.names.length) {
        if (bySelector && f.str('selector')) throw new CommandError('name cannot be provided when a selector is specified');
        for (const n of req.names) targets.push({ type: req.type, namespace: req.type.namespaced ? ns : undefined, name: n });
      } else if (bySelector) {
        const scope = req.type.namespaced && !f.bool('all-namespaces') ? ns : undefined;
        try {
          const opts: { labelSelector?: string; fieldSelector?: string } = {};
          if (f.str('selector')) opts.labelSelector = f.str('selector');
          if (f.str('field-selector')) opts.fieldSelector = f.str('field-selector');
          for (const o of cx.api.list(resourceKey(req.type), scope, opts)) targets.push({ type: req.type, namespace: o.metadata.namespace, name: o.metadata.name ?? '' });
        } catch (e) {
          if (e instanceof SelectorParseError) throw selectorListError(req.type, f.str('selector'), f.str('field-selector'), e.message);
      if (e instanceof ApiError && e.status.reason === 'BadRequest') throw selectorListError(req.type, f.str('selector'), f.str('field-selector'), e.status.message);
          throw e;
        }
      } else throw new CommandError('resource(s) were provided, but no name was specified');
    }
    if (targets.length === 0 && errors.length === 0) {
      cx.out('No resources found\n');
      return 0;
    }
  }

  const force = f.bool('force');
  let grace = f.has('grace-period') ? f.int('grace-period', -1) : -1;
  if (f.bool('now')) grace = 1;
  if (force && grace < 0) grace = 0;
  if (force && grace === 0) cx.err(FORCE_WARNING);
  const deleted: { key: string; namespace: string | undefined; name: string; uid: string | undefined }[] = [];
  for (const t of targets) {
    const key = resourceKey(t.type);
    try {
      const opts: DeleteOptions = { propagationPolicy: propagation };
      if (grace >= 0) opts.gracePeriodSeconds = grace;
      if (dry !== 'none') {
        cx.api.get(key, t.namespace, t.name);
        if (dry === 'server') opts.dryRun = true;
        else {
          cx.out(message(t.type, t.name, output, force && grace === 0) + ' (dry run)\n');
          continue;
        }
      }
      const r = cx.api.delete(key, t.namespace, t.name, opts);
      cx.out(message(t.type, t.name, output, force && grace === 0) + (dry === 'server' ? ' (server dry run)' : '') + '\n');
      if (dry === 'none') deleted.push({ key, namespace: t.namespace, name: t.name, uid: (r.object as KubeObject).metadata.uid });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.status.reason === 'NotFound' && f.bool('ignore-not-found')) continue;
      errors.push(errorText(e, t.source ? { verb: 'deleting', source: t.source } : undefined));
    }
  }
  if (f.bool('wait', true) && deleted.length && !(force && grace === 0)) {
    const gone = () => deleted.every((d) => cx.api.tryGet(d.key, d.namespace, d.name)?.metadata.uid !== d.uid);
    while (!gone() && !cx.io.cancelled()) await cx.io.sleep(1000);
  }
  for (const e of errors) cx.err(e);
  return errors.length ? 1 : 0;
}

function message(t: ResourceType, name: string, output: string, forced: boolean): string {
  if (output === 'name') return `${kindPrefix(t)}/${name}`;
  return `${kindPrefix(t)} "${name}" ${forced ? 'force deleted' : 'deleted'}`;
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** cmdutil.GetCascadingStrategy: the three policies, or a deprecated boolean (with kubectl's warning). */
function cascadeOf(cx: CommandContext): 'Background' | 'Foreground' | 'Orphan' {
  const v = cx.flags.str('cascade', 'background');
  if (GO_TRUE.has(v) || GO_FALSE.has(v)) {
    const to = GO_TRUE.has(v) ? 'background' : 'orphan';
    cx.err(`warning: --cascade=${GO_TRUE.has(v) ? 'true' : 'false'} is deprecated (boolean value) and can be replaced with --cascade=${to}.\n`);
    return to === 'orphan' ? 'Orphan' : 'Background';
  }
  if (v === 'orphan') return 'Orphan';
  if (v === 'foreground') return 'Foreground';
  if (v === 'background') return 'Background';
  throw new CommandError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
}
