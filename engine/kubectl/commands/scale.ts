// kubectl scale --replicas=N TYPE NAME: sets spec.replicas through the scale subresource
// (a patch here), honouring --current-replicas. Mirrors pkg/cmd/scale/scale.go.
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError, conflict } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';
import { kindPrefix, resolveArgs, ResourceArgError, type ResourceRequest } from '../resource-args.ts';
import { errorText } from '../server-errors.ts';
import { readManifestArgs } from './manifest-args.ts';

const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'statefulsets.apps', 'replicationcontrollers']);

export const scale: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    { name: 'resource-version', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'dry-run', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
  ],
  run,
};

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  if (!f.has('replicas')) {
    cx.klogFatal('required flag(s) "replicas" not set');
    return 1;
  }
  const replicas = f.int('replicas', -1);
  if (replicas < 0) throw new CommandError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dry = dryRunOf(cx);
  const ns = cx.namespace;
  let requests: ResourceRequest[];
  if (f.list('filename').length) {
    const docs = readManifestArgs(cx, f.list('filename'));
    for (const e of docs.errors) cx.err(e);
    if (docs.errors.length) return 1;
    requests = docs.objects.map((d) => ({ type: d.type, names: [d.object.metadata.name ?? ''] }));
  } else {
    if (f.args.length === 0) {
      cx.err(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`);
      return 1;
    }
    try {
      requests = resolveArgs(f.args).requests;
    } catch (e) {
      if (e instanceof ResourceArgError) throw new CommandError(e.message);
      throw e;
    }
  }
  const errors: string[] = [];
  let count = 0;
  for (const req of requests) {
    const key = resourceKey(req.type);
    let names = req.names;
    if (names.length === 0) {
      if (!f.bool('all') && !f.str('selector')) throw new CommandError('resource(s) were provided, but no name was specified');
      names = cx.api.list(key, ns, f.str('selector') ? { labelSelector: f.str('selector') } : {}).map((o) => o.metadata.name ?? '');
    }
    for (const name of names) {
      count++;
      if (!SCALABLE.has(key)) {
        errors.push(`error: no scaler has been implemented for {"${req.type.group}" "${req.type.kind}"}\n`);
        continue;
      }
      try {
        const cur = cx.api.get(key, ns, name);
        const spec = (cur['spec'] ?? {}) as { replicas?: number };
        if (f.has('current-replicas') && (spec.replicas ?? 1) !== f.int('current-replicas', -1))
          throw conflict({ group: req.type.group, resource: req.type.plural }, name, `expected replicas to be ${f.int('current-replicas', -1)}, was ${spec.replicas ?? 1}`);
        if (dry !== 'client') cx.api.patch(key, ns, name, 'merge', { spec: { replicas } }, { dryRun: dry === 'server' });
        const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
        cx.out(f.str('output') === 'name' ? `${kindPrefix(req.type)}/${name}\n` : `${kindPrefix(req.type)}/${name} scaled${suffix}\n`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        errors.push(errorText(e));
      }
    }
  }
  if (count === 0) errors.push('error: no objects passed to scale\n');
  for (const e of errors) cx.err(e);
  return errors.length ? 1 : 0;
}
