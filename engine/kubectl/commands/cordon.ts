// kubectl cordon|uncordon NODE: marks a node (un)schedulable (pkg/cmd/drain/drain.go).
import type { Command, CommandContext } from '../command.ts';
import { setUnschedulable, targetNodes } from './node-args.ts';

const FLAGS = [
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'dry-run', type: 'string' as const },
];

function runner(desired: boolean, verb: string) {
  return (cx: CommandContext): number => {
    for (const node of targetNodes(cx, verb)) setUnschedulable(cx, node, desired);
    return 0;
  };
}

export const cordon: Command = { name: 'cordon', short: 'Mark node as unschedulable', flags: FLAGS, run: runner(true, 'cordon') };
export const uncordon: Command = { name: 'uncordon', short: 'Mark node as schedulable', flags: FLAGS, run: runner(false, 'uncordon') };
