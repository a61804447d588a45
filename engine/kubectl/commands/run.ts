// kubectl run NAME --image=IMG: one Pod labelled run=NAME (or --labels), container named
// NAME, `-- args` / `--command -- cmd`. Mirrors pkg/cmd/run/run.go and the pod generator.
import type { KubeObject } from '../../api/meta.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';
import { runAttached } from './run-attach.ts';

export const runCmd: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'port', type: 'string' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'restart', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'expose', type: 'bool' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'privileged', type: 'bool' },
    { name: 'overrides', type: 'string' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'quiet', short: 'q', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  run,
};

function parsePairs(s: string, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of s.split(',')) {
    const i = p.indexOf('=');
    if (i <= 0) throw new CommandError(`invalid ${what} format: ${p}`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

export function podObject(cx: CommandContext, name: string): KubeObject {
  const f = cx.flags;
  const image = f.str('image');
  const labels = f.str('labels') ? parsePairs(f.str('labels'), 'label') : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of f.list('annotations')) Object.assign(annotations, parsePairs(a, 'annotation'));
  const extra = f.parsed.dashArgs ?? [];
  const container: Record<string, unknown> = { name, image };
  if (extra.length && f.bool('command')) container['command'] = extra;
  else if (extra.length) container['args'] = extra;
  if (f.str('port')) {
    const port = Number(f.str('port'));
    if (!Number.isInteger(port)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(f.str('port'))}: invalid syntax`);
    container['ports'] = [{ containerPort: port }];
  }
  const env = f.list('env').map((e) => {
    const i = e.indexOf('=');
    return i < 0 ? { name: e } : { name: e.slice(0, i), value: e.slice(i + 1) };
  });
  if (env.length) container['env'] = env;
  container['resources'] = {};
  if (f.str('image-pull-policy')) container['imagePullPolicy'] = f.str('image-pull-policy');
  if (f.bool('stdin')) container['stdin'] = true;
  if (f.bool('tty')) container['tty'] = true;
  const restart = f.str('restart') || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CommandError(`invalid restart policy: ${restart}`);
  const meta: Record<string, unknown> = { name, creationTimestamp: null, labels };
  if (Object.keys(annotations).length) meta['annotations'] = annotations;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: meta as KubeObject['metadata'],
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const args = f.args;
  if (args.length === 0) throw new CommandError('NAME is required for run', cx.helpHint());
  if (!f.str('image')) {
    cx.klogFatal('required flag(s) "image" not set');
    return 1;
  }
  if ((f.bool('stdin') || f.bool('tty') || f.bool('rm') || f.bool('attach')) && dryRunOf(cx) === 'none') return runAttached(cx, podObject(cx, args[0]!));
  const dry = dryRunOf(cx);
  const obj = podObject(cx, args[0]!);
  if (dry === 'client') {
    printMutation(cx, obj, 'created', dry, true);
    return 0;
  }
  const ns = cx.namespace;
  obj.metadata.namespace = ns;
  const r = cx.api.create('pods', ns, obj, { dryRun: dry === 'server' });
  printWarnings(cx, r.warnings);
  printMutation(cx, r.object, 'created', dry);
  return 0;
}
