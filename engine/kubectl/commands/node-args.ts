// Shared by cordon, uncordon and drain: the nodes named on the command line (or by -l), and
// RunCordonOrUncordon's patch of spec.unschedulable with its `node/x cordoned` /
// `node/x already cordoned` lines (pkg/cmd/drain/drain.go, pkg/drain/cordon.go).
import type { Node } from '../../api/core-v1.ts';
import { CommandError, type CommandContext } from '../command.ts';
import { dryRunOf } from '../mutation.ts';

export function usageError(cx: CommandContext, verb: string): CommandError {
  return new CommandError(`USAGE: ${verb} NODE [flags]`, cx.helpHint());
}

/** The nodes a cordon/uncordon/drain command acts on, in argument order. */
export function targetNodes(cx: CommandContext, verb: string): Node[] {
  const sel = cx.flags.str('selector');
  const args = cx.flags.args.map((a) => a.replace(/^(nodes?|no)\//, ''));
  if (sel) {
    if (args.length) throw new CommandError('cannot specify both a node name and a --selector option');
    return cx.api.list<Node>('nodes', undefined, { labelSelector: sel });
  }
  if (args.length !== 1) throw usageError(cx, verb);
  return [cx.api.get<Node>('nodes', undefined, args[0]!)];
}

/** Sets spec.unschedulable, printing what kubectl prints. */
export function setUnschedulable(cx: CommandContext, node: Node, desired: boolean): void {
  const verb = desired ? 'cordoned' : 'uncordoned';
  const name = node.metadata.name!;
  if (!!node.spec?.unschedulable === desired) {
    cx.out(`node/${name} already ${verb}\n`);
    return;
  }
  const dry = dryRunOf(cx);
  if (dry !== 'client') cx.api.patch('nodes', undefined, name, 'strategic', { spec: { unschedulable: desired ? true : null } }, { dryRun: dry === 'server' });
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  cx.out(`node/${name} ${verb}${suffix}\n`);
}
