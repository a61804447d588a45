// export NAME[=VALUE]..., export -p; unset NAME...; env: the shell's variables.
import type { Builtin } from './builtin.ts';

export const exportBuiltin: Builtin = ({ args, io, host }) => {
  const st = host.state;
  const list = args.filter((a) => a !== '-p');
  if (list.length === 0) {
    for (const k of [...st.exported].sort()) if (st.vars[k] !== undefined) io.out(`declare -x ${k}=${JSON.stringify(st.vars[k])}\n`);
    return 0;
  }
  let code = 0;
  for (const a of list) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:=([\s\S]*))?$/.exec(a);
    if (!m) {
      io.err(`bash: export: \`${a}': not a valid identifier\n`);
      code = 1;
      continue;
    }
    if (m[2] !== undefined) st.vars[m[1]!] = m[2];
    if (!st.exported.includes(m[1]!)) st.exported.push(m[1]!);
  }
  return code;
};

export const unset: Builtin = ({ args, host }) => {
  for (const a of args) {
    if (a.startsWith('-')) continue;
    delete host.state.vars[a];
    host.state.exported = host.state.exported.filter((k) => k !== a);
  }
  return 0;
};

export const env: Builtin = ({ io, host }) => {
  const st = host.state;
  for (const k of st.exported) if (st.vars[k] !== undefined) io.out(`${k}=${st.vars[k]}\n`);
  return 0;
};
