// The commands a shell inside a container can run: the shell's own builtins plus what the
// image ships (exec-context.ts imageTools), never the terminal's kubectl or sim.
import { BUILTINS } from '../shell/builtins/index.ts';
import type { Builtin } from '../shell/builtins/builtin.ts';
import { curl } from '../shell/builtins/curl.ts';
import { getent } from '../shell/builtins/getent.ts';
import { hostname, printenv } from '../shell/builtins/hostname.ts';
import { nslookup } from '../shell/builtins/nslookup.ts';
import { wget } from '../shell/builtins/wget.ts';
import type { ContainerContext } from './exec-context.ts';

const NETWORK: Record<string, Builtin> = { curl, getent, hostname, nslookup, printenv, wget };

export function containerCommands(ctx: ContainerContext): Record<string, Builtin> {
  const out: Record<string, Builtin> = {};
  for (const t of ctx.tools) {
    const b = NETWORK[t] ?? BUILTINS[t];
    if (b) out[t] = b;
  }
  return out;
}
