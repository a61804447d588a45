// kubectl create configmap NAME --from-literal=k=v --from-file=[k=]path --from-env-file=path.
// Mirrors pkg/cmd/create/create_configmap.go.
import type { KubeObject } from '../../api/meta.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';
import { sourceData } from './generator.ts';

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
    const data = sourceData(cx, 'Data for ConfigMap', args[0]!);
    const dry = dryRunOf(cx);
    const obj: KubeObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: args[0]!, creationTimestamp: null } as unknown as KubeObject['metadata'] };
    if (Object.keys(data).length) obj['data'] = data;
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
