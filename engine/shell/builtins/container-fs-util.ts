// What the container file builtins (ls, touch, mkdir, rm) share: the container's filesystem
// behind the shell's workspace, and whether the image's tools are busybox or GNU coreutils
// (their messages differ).
import { ContainerWorkspace } from '../../network/container-fs.ts';
import { containerOf } from '../../network/exec-context.ts';
import type { BuiltinContext } from './builtin.ts';

export interface FsCx {
  ws: ContainerWorkspace;
  busybox: boolean;
}

export function containerFsOf(cx: BuiltinContext): FsCx | undefined {
  const ws = cx.host.workspace;
  if (!(ws instanceof ContainerWorkspace)) return undefined;
  return { ws, busybox: containerOf(cx.host.state)?.flavour !== 'debian' };
}

/** Splits `-abc` style options from operands (`--` ends options). */
export function options(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === '--') done = true;
    else if (!done && a.startsWith('-') && a.length > 1) for (const ch of a.slice(1)) flags.add(ch);
    else operands.push(a);
  }
  return { flags, operands };
}
