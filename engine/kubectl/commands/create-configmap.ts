// kubectl create configmap NAME --from-literal=k=v --from-file=[k=]path --from-env-file=path.
// Mirrors pkg/cmd/create/create_configmap.go.
import type { KubeObject } from '../../api/meta.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';

export const createConfigMap: Command = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  flags: [
    { name: 'from-literal', type: 'stringArray' },
    { name: 'from-file', type: 'stringSlice' },
    { name: 'from-env-file', type: 'stringSlice' },
    { name: 'append-hash', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  run(cx: CommandContext): number {
    const args = cx.flags.args;
    if (args.length !== 1) throw new CommandError(`exactly one NAME is required, got ${args.length}`, cx.helpHint());
    const envFiles = cx.flags.list('from-env-file');
    if (envFiles.length && (cx.flags.list('from-file').length || cx.flags.list('from-literal').length))
      throw new CommandError('from-env-file cannot be combined with from-file or from-literal');
    const data: Record<string, string> = {};
    for (const lit of cx.flags.list('from-literal')) {
      const i = lit.indexOf('=');
      if (i <= 0) throw new CommandError(`invalid literal source ${lit}, expected key=value`);
      const k = lit.slice(0, i);
      if (k in data) throw new CommandError(`cannot add key ${k}, another key by that name already exists in Data for ConfigMap "${args[0]}"`);
      data[k] = lit.slice(i + 1);
    }
    for (const spec of cx.flags.list('from-file')) {
      const i = spec.indexOf('=');
      const path = i >= 0 ? spec.slice(i + 1) : spec;
      const key = i >= 0 ? spec.slice(0, i) : path.split('/').pop()!;
      const text = cx.env.workspace.read(path);
      if (text === undefined) throw new CommandError(`error reading ${path}: no such file or directory`);
      data[key] = text;
    }
    for (const path of envFiles) {
      const text = cx.env.workspace.read(path);
      if (text === undefined) throw new CommandError(`error reading ${path}: no such file or directory`);
      for (const line of text.split('\n')) {
        const l = line.trim();
        if (!l || l.startsWith('#')) continue;
        const i = l.indexOf('=');
        if (i < 0) data[l] = '';
        else data[l.slice(0, i)] = l.slice(i + 1);
      }
    }
    const dry = dryRunOf(cx);
    const obj: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: args[0]!, creationTimestamp: null } as unknown as KubeObject['metadata'], data };
    if (dry === 'client') {
      printMutation(cx, obj, 'created', dry, true);
      return 0;
    }
    try {
      const r = cx.api.create('configmaps', cx.namespace, obj, { dryRun: dry === 'server' });
      printWarnings(cx, r.warnings);
      printMutation(cx, r.object, 'created', dry);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      throw new CommandError(`failed to create configmap: ${e.status.message}`);
    }
    return 0;
  },
};
