// kubectl create namespace NAME. Mirrors pkg/cmd/create/create_namespace.go (API errors are
// printed as the server's, e.g. AlreadyExists).
import type { KubeObject } from '../../api/meta.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';

export const createNamespace: Command = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  flags: [...MUTATION_FLAGS],
  run(cx: CommandContext): number {
    const args = cx.flags.args;
    if (args.length !== 1) throw new CommandError(`exactly one NAME is required, got ${args.length}`, cx.helpHint());
    const dry = dryRunOf(cx);
    const obj: KubeObject = { kind: 'Namespace', apiVersion: 'v1', metadata: { name: args[0]!, creationTimestamp: null } as unknown as KubeObject['metadata'], spec: {}, status: {} };
    if (dry === 'client') {
      printMutation(cx, obj, 'created', dry, true);
      return 0;
    }
    const r = cx.api.create('namespaces', undefined, obj, { dryRun: dry === 'server' });
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'created', dry);
    return 0;
  },
};
