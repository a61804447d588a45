// Small builtins: true, false, clear (the ANSI sequence `clear` prints), pwd, cd, sleep
// (virtual time), ls and rm over the workspace files.
import type { Builtin } from './builtin.ts';

export const trueBuiltin: Builtin = () => 0;
export const falseBuiltin: Builtin = () => 1;

export const CLEAR_SEQUENCE = '\x1b[H\x1b[2J\x1b[3J';
export const clear: Builtin = ({ io }) => {
  io.out(CLEAR_SEQUENCE);
  return 0;
};

export const pwd: Builtin = ({ io, host }) => {
  io.out(`${host.state.vars['PWD'] ?? '/root'}\n`);
  return 0;
};

export const cd: Builtin = ({ args, io }) => {
  if (args.length && args[0] !== '~' && args[0] !== '.' && args[0] !== '/root') {
    io.err(`bash: cd: ${args[0]}: No such file or directory\n`);
    return 1;
  }
  return 0;
};

/** sleep N[smhd]: lets virtual time pass. */
export const sleep: Builtin = async ({ args, io }) => {
  let ms = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
    if (!m) {
      io.err(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    ms += Number(m[1]) * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2]!]!;
  }
  if (args.length === 0) {
    io.err(`sleep: missing operand\nTry 'sleep --help' for more information.\n`);
    return 1;
  }
  await io.sleep(ms);
  return io.cancelled() ? 130 : 0;
};

export const ls: Builtin = ({ args, io, host }) => {
  const files = host.workspace.list().map((f) => f.name);
  const wanted = args.filter((a) => !a.startsWith('-'));
  if (wanted.length === 0) {
    if (files.length) io.out(`${files.join('\n')}\n`);
    return 0;
  }
  let code = 0;
  for (const w of wanted) {
    if (files.includes(w.replace(/^\.\//, ''))) io.out(`${w}\n`);
    else {
      io.err(`ls: cannot access '${w}': No such file or directory\n`);
      code = 2;
    }
  }
  return code;
};

export const rm: Builtin = ({ args, io, host }) => {
  const force = args.some((a) => /^-\w*f/.test(a));
  let code = 0;
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    if (host.workspace.read(a) === undefined || !host.workspace.list().some((f) => f.name === a.replace(/^\.\//, ''))) {
      if (!force) {
        io.err(`rm: cannot remove '${a}': No such file or directory\n`);
        code = 1;
      }
      continue;
    }
    host.workspace.remove(a);
  }
  return code;
};
