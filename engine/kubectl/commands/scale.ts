// kubectl scale --replicas=N TYPE NAME: sets spec.replicas through the scale subresource
// (a patch here), honouring --current-replicas. Mirrors pkg/cmd/scale/scale.go.
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError, conflict } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';
import { kindPrefix, resolveArgs, ResourceArgError, type ResourceRequest } from '../resource-args.ts';
import { errorText, reportErrors } from '../server-errors.ts';
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
  // As RunScale: the builder gets every object first (errors kept for the end); with none
  // found the command fails with "no objects passed to scale" plus the builder's error.
  const infoErrors: ApiError[] = [];
  const infos: { req: ResourceRequest; key: string; name: string; replicas?: number }[] = [];
  for (const req of requests) {
    const key = resourceKey(req.type);
    let names = req.names;
    if (names.length === 0) {
      if (!f.bool('all') && !f.str('selector')) throw new CommandError('resource(s) were provided, but no name was specified');
      names = cx.api.list(key, ns, f.str('selector') ? { labelSelector: f.str('selector') } : {}).map((o) => o.metadata.name ?? '');
    }
    for (const name of names) {
      try {
        const cur = cx.api.get(key, ns, name);
        infos.push({ req, key, name, ...((cur['spec'] as { replicas?: number } | undefined)?.replicas !== undefined ? { replicas: (cur['spec'] as { replicas: number }).replicas } : {}) });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        infoErrors.push(e);
      }
    }
  }
  const aggregate = infoErrors.length === 1 ? infoErrors[0]!.status.message : `[${infoErrors.map((e) => e.status.message).join(', ')}]`;
  if (infos.length === 0) throw new CommandError(infoErrors.length ? `no objects passed to scale ${aggregate}` : 'no objects passed to scale');
  for (const { req, key, name, replicas: current } of infos) {
    try {
      // The scale client asks for KIND/NAME/scale: kinds without it answer 404.
      if (!SCALABLE.has(key)) throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 } as ConstructorParameters<typeof ApiError>[0]);
      if (f.has('current-replicas') && (current ?? 1) !== f.int('current-replicas', -1))
        throw conflict({ group: req.type.group, resource: req.type.plural }, name, `expected replicas to be ${f.int('current-replicas', -1)}, was ${current ?? 1}`);
      if (dry !== 'client') cx.api.patch(key, ns, name, 'merge', { spec: { replicas } }, { dryRun: dry === 'server' });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      cx.err(errorText(e));
      return 1;
    }
    const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
    cx.out(f.str('output') === 'name' ? `${kindPrefix(req.type)}/${name}\n` : `${kindPrefix(req.type)}/${name} scaled${suffix}\n`);
  }
  if (infoErrors.length === 0) return 0;
  reportErrors((t) => cx.err(t), infoErrors.map((error) => ({ error })));
  return 1;
}
