// The commands a shell inside a container can run: the shell's own builtins plus what the
// image ships (exec-context.ts imageTools), never the terminal's kubectl or sim.
import { BUILTINS } from '../shell/builtins/index.ts';
import type { Builtin } from '../shell/builtins/builtin.ts';
import { curl } from '../shell/builtins/curl.ts';
import { getent } from '../shell/builtins/getent.ts';
import { hostname, printenv } from '../shell/builtins/hostname.ts';
import { nslookup } from '../shell/builtins/nslookup.ts';
import { wget } from '../shell/builtins/wget.ts';
import { ls } from '../shell/builtins/ls.ts';
import { mkdir } from '../shell/builtins/mkdir.ts';
import { rm } from '../shell/builtins/rm.ts';
import { touch } from '../shell/builtins/touch.ts';
import { containerFsOf } from '../shell/builtins/container-fs-util.ts';
import type { ContainerContext } from './exec-context.ts';

/** The shell's cd: any directory of the container's filesystem. */
const cd: Builtin = (cx) => {
  const fsx = containerFsOf(cx);
  const target = cx.args[0] ?? cx.host.state.vars['HOME'] ?? '/';
  if (!fsx) return 0;
  const p = fsx.ws.abs(target);
  if (!fsx.ws.fs.dirs().has(p)) {
    cx.io.err(fsx.busybox ? `sh: cd: can't cd to ${target}: No such file or directory\n` : `sh: 1: cd: can't cd to ${target}\n`);
    return fsx.busybox ? 1 : 2;
  }
  cx.host.state.vars['PWD'] = p;
  return 0;
};

const pwd: Builtin = (cx) => {
  cx.io.out(`${cx.host.state.vars['PWD'] ?? '/'}\n`);
  return 0;
};

const NETWORK: Record<string, Builtin> = { curl, getent, hostname, nslookup, printenv, wget, ls, mkdir, rm, touch, cd, pwd };

export function containerCommands(ctx: ContainerContext): Record<string, Builtin> {
  const out: Record<string, Builtin> = {};
  for (const t of ctx.tools) {
    const b = NETWORK[t] ?? BUILTINS[t];
    if (b) out[t] = b;
  }
  return out;
}
