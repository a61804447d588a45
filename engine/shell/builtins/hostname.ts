// hostname and printenv inside a container: the pod name (or spec.hostname), the environment.
import { containerOf } from '../../network/exec-context.ts';
import type { Builtin } from './builtin.ts';

export const hostname: Builtin = ({ args, io, host }) => {
  const ctx = containerOf(host.state);
  const name = ctx ? ((ctx.pod.spec['hostname'] as string | undefined) ?? ctx.pod.metadata.name ?? '') : 'localhost';
  if (args.includes('-i')) io.out(`${ctx?.pod.status?.podIP ?? '127.0.0.1'}\n`);
  else io.out(`${name}\n`);
  return 0;
};

export const printenv: Builtin = ({ args, io, host }) => {
  const st = host.state;
  if (args.length === 0) {
    for (const k of st.exported) if (st.vars[k] !== undefined) io.out(`${k}=${st.vars[k]}\n`);
    return 0;
  }
  let code = 0;
  for (const a of args) {
    if (st.exported.includes(a) && st.vars[a] !== undefined) io.out(`${st.vars[a]}\n`);
    else code = 1;
  }
  return code;
};
