// xargs [-n MAX] [-I REPLACE] [-r] [COMMAND [ARG...]]: build commands from standard input, as
// GNU xargs does for the docs' `kubectl get pods -o name | xargs kubectl delete`. Items are
// split on blanks and newlines (-I: one line per run); the command defaults to echo.
import type { Builtin, BuiltinContext } from './builtin.ts';

async function runOne(cx: BuiltinContext, argv: string[]): Promise<number> {
  // Imported lazily: the builtins table imports this file.
  const { BUILTINS } = await import('./index.ts');
  const name = argv[0]!;
  const b = BUILTINS[name];
  if (!b) {
    cx.io.err(`xargs: ${name}: No such file or directory\n`);
    return 127;
  }
  return b({ args: argv.slice(1), io: { ...cx.io, stdin: '' }, host: cx.host, name });
}

export const xargs: Builtin = async (cx) => {
  let max = Infinity;
  let replace: string | undefined;
  let noRunIfEmpty = false;
  let k = 0;
  for (; k < cx.args.length; k++) {
    const a = cx.args[k]!;
    if (a === '-n' || /^-n\d+$/.test(a)) {
      const v = a === '-n' ? cx.args[++k] : a.slice(2);
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) {
        cx.io.err(`xargs: invalid number "${v ?? ''}" for -n option\nTry 'xargs --help' for more information.\n`);
        return 1;
      }
      max = Number(v);
    } else if (a === '-I') replace = cx.args[++k] ?? '{}';
    else if (a === '-r' || a === '--no-run-if-empty') noRunIfEmpty = true;
    else if (a.startsWith('-') && a !== '-') {
      cx.io.err(`xargs: invalid option -- '${a.slice(1, 2)}'\nTry 'xargs --help' for more information.\n`);
      return 1;
    } else break;
  }
  const command = cx.args.slice(k);
  if (command.length === 0) command.push('echo');
  let status = 0;
  // GNU xargs: 123 if any run failed with 1-125.
  const note = (code: number) => {
    if (code !== 0) status = code === 127 || code === 126 ? code : 123;
  };
  if (replace !== undefined) {
    for (const line of cx.io.stdin.split('\n').filter((l) => l.trim() !== '')) {
      if (cx.io.cancelled()) break;
      note(await runOne(cx, command.map((a) => a.split(replace!).join(line.trim()))));
      if (status === 127) return status;
    }
    return status;
  }
  const items = cx.io.stdin.split(/\s+/).filter(Boolean);
  if (items.length === 0) {
    if (!noRunIfEmpty) note(await runOne(cx, command));
    return status;
  }
  for (let i = 0; i < items.length && !cx.io.cancelled(); i += max === Infinity ? items.length : max) {
    note(await runOne(cx, [...command, ...items.slice(i, max === Infinity ? undefined : i + max)]));
    if (status === 127) return status;
  }
  return status;
};
