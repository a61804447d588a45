// kubectl set image|env|resources (k8s.io/kubectl pkg/cmd/set): edit the pod template of a
// workload (or a pod's spec) and write it back. Unchanged objects print nothing, as upstream
// skips an empty patch; changed ones print `deployment.apps/web image updated`.
import type { Container, PodSpec } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';
import { kindPrefix, resolveArgs, ResourceArgError } from '../resource-args.ts';
import { errorText } from '../server-errors.ts';

const COMMON = [
  { name: 'filename', short: 'f', type: 'stringSlice' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'dry-run', type: 'string' as const },
  { name: 'field-manager', type: 'string' as const },
];

/** The pod spec inside an object (polymorphichelpers.UpdatePodSpecForObject). */
function podSpecOf(o: KubeObject): PodSpec | undefined {
  const spec = o['spec'] as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (o.kind === 'Pod') return spec as unknown as PodSpec;
  if (o.kind === 'CronJob') return ((spec['jobTemplate'] as { spec?: { template?: { spec?: PodSpec } } })?.spec?.template?.spec);
  return (spec['template'] as { spec?: PodSpec } | undefined)?.spec;
}

/** Splits arguments into resource words and `KEY=VALUE` / `KEY-` words. */
function split(args: readonly string[]): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const a of args) (a.includes('=') || (/^[A-Za-z_][\w.-]*-$/.test(a) && resources.length > 0) ? pairs : resources).push(a);
  return { resources, pairs };
}

async function mutateAll(
  cx: CommandContext,
  resources: string[],
  verb: string,
  edit: (o: KubeObject, spec: PodSpec) => void,
): Promise<number> {
  let requests;
  try {
    requests = resolveArgs(resources).requests;
  } catch (e) {
    if (e instanceof ResourceArgError) throw new CommandError(e.message);
    throw e;
  }
  const dry = dryRunOf(cx);
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  let failed = false;
  for (const r of requests) {
    const key = resourceKey(r.type);
    let names = r.names;
    if (names.length === 0) {
      if (!cx.flags.bool('all') && !cx.flags.str('selector')) throw new CommandError('resource(s) were provided, but no name was specified');
      names = cx.api.list(key, cx.namespace, cx.flags.str('selector') ? { labelSelector: cx.flags.str('selector') } : {}).map((o) => o.metadata.name!);
    }
    for (const name of names) {
      try {
        const cur = cx.api.get(key, cx.namespace, name);
        const next = structuredClone(cur) as KubeObject;
        const spec = podSpecOf(next);
        if (!spec) throw new CommandError(`${kindPrefix(r.type)}/${name} does not have a pod template`);
        edit(next, spec);
        if (JSON.stringify(next) === JSON.stringify(cur)) continue;
        if (dry !== 'client') cx.api.update(key, next, { dryRun: dry === 'server' });
        cx.out(`${kindPrefix(r.type)}/${name} ${verb}${suffix}\n`);
      } catch (e) {
        if (e instanceof ApiError) cx.err(errorText(e));
        else if (e instanceof CommandError) cx.err(`error: ${e.message}\n`);
        else throw e;
        failed = true;
      }
    }
  }
  return failed ? 1 : 0;
}

function containersOf(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

const image: Command = {
  name: 'image',
  short: 'Update the image of a pod template',
  flags: COMMON,
  run: (cx) => {
    const { resources, pairs } = split(cx.flags.args);
    if (resources.length === 0 || pairs.length === 0) throw new CommandError('resources and container image pairs must be specified', cx.helpHint());
    const images = pairs.map((p) => p.split(/=(.*)/s).slice(0, 2) as [string, string]);
    return mutateAll(cx, resources, 'image updated', (_o, spec) => {
      for (const [name, img] of images) {
        let found = false;
        for (const c of containersOf(spec))
          if (c.name === name || name === '*') {
            found = true;
            c.image = img;
          }
        if (!found) throw new CommandError(`unable to find container named "${name}"`);
      }
    });
  },
};

const env: Command = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  flags: [...COMMON, { name: 'containers', short: 'c', type: 'string' }, { name: 'overwrite', type: 'bool' }, { name: 'list', type: 'bool' }],
  run: (cx) => {
    const { resources, pairs } = split(cx.flags.args);
    if (resources.length === 0) throw new CommandError('at least one environment variable must be provided', cx.helpHint());
    const which = cx.flags.str('containers') || '*';
    if (cx.flags.bool('list')) {
      const key = resourceKey(resolveArgs(resources).requests[0]!.type);
      const name = resolveArgs(resources).requests[0]!.names[0]!;
      const o = cx.api.get(key, cx.namespace, name);
      for (const c of podSpecOf(o)?.containers ?? []) {
        if (which !== '*' && c.name !== which) continue;
        cx.out(`# ${o.kind} ${name}, container ${c.name}\n`);
        for (const e of c.env ?? []) {
          const from = e.valueFrom as { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } } | undefined;
          if (e.value !== undefined) cx.out(`${e.name}=${e.value}\n`);
          else if (from?.configMapKeyRef) cx.out(`# ${e.name} from configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}\n`);
          else if (from?.secretKeyRef) cx.out(`# ${e.name} from secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}\n`);
          else if (from?.fieldRef) cx.out(`# ${e.name} from field path ${from.fieldRef.fieldPath}\n`);
        }
      }
      return 0;
    }
    if (pairs.length === 0) throw new CommandError('at least one environment variable must be provided', cx.helpHint());
    return mutateAll(cx, resources, 'env updated', (_o, spec) => {
      for (const c of spec.containers) {
        if (which !== '*' && c.name !== which) continue;
        let list = [...(c.env ?? [])];
        for (const p of pairs) {
          if (!p.includes('=') && p.endsWith('-')) list = list.filter((e) => e.name !== p.slice(0, -1));
          else {
            const [k, v] = p.split(/=(.*)/s) as [string, string];
            const i = list.findIndex((e) => e.name === k);
            if (i >= 0) list[i] = { name: k, value: v };
            else list.push({ name: k, value: v });
          }
        }
        if (list.length) c.env = list;
        else delete c.env;
      }
    });
  },
};

function parseResourceList(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of s.split(',').filter(Boolean)) {
    const [k, v] = kv.split('=');
    if (!k || v === undefined) throw new CommandError(`invalid resource quantity ${kv}`);
    out[k] = v;
  }
  return out;
}

const resources: Command = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  flags: [...COMMON, { name: 'containers', short: 'c', type: 'string' }, { name: 'limits', type: 'string' }, { name: 'requests', type: 'string' }],
  run: (cx) => {
    const limits = parseResourceList(cx.flags.str('limits'));
    const requests = parseResourceList(cx.flags.str('requests'));
    if (!Object.keys(limits).length && !Object.keys(requests).length)
      throw new CommandError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const which = cx.flags.str('containers') || '*';
    return mutateAll(cx, cx.flags.args, 'resource requirements updated', (_o, spec) => {
      let found = false;
      for (const c of spec.containers) {
        if (which !== '*' && c.name !== which) continue;
        found = true;
        const r = (c.resources ??= {});
        if (Object.keys(limits).length) r.limits = { ...(r.limits ?? {}), ...limits };
        if (Object.keys(requests).length) r.requests = { ...(r.requests ?? {}), ...requests };
      }
      if (!found) throw new CommandError(`unable to find container named ${which}`);
    });
  },
};

export const set: Command = {
  name: 'set',
  short: 'Set specific features on objects',
  flags: [],
  subcommands: [env, image, resources],
};
