// kubectl's entry point: finds the command the way cobra does (global flags may come
// first), parses its flags, runs it, and prints failures in kubectl's words. Exit codes
// as kubectl: 0, or 1 for any error.
import { ApiError } from '../apiserver/status.ts';
import { CommandContext, CommandError, type Command, type KubectlEnv } from './command.ts';
import { FlagError, Flags, GLOBAL_FLAGS, parseFlags, type FlagSpec } from './flags.ts';
import { ALL_COMMANDS, ROOT_HELP, suggestionsFor } from './help.ts';
import { errorText } from './server-errors.ts';
import { COMMANDS } from './commands/index.ts';
let help: Promise<Record<string, string>> | undefined;

/** kubectl's own --help text for a command path (`kubectl create deployment`), loaded on first use. */
export async function helpText(path: string): Promise<string | undefined> {
  help ??= import('./help/help-text.json', { with: { type: 'json' } }).then((m) => m.default as Record<string, string>);
  return (await help)[path.replace(/^kubectl ?/, '')];
}

/** Runs `kubectl <argv...>` (argv without the leading "kubectl"). */
export async function kubectl(argv: readonly string[], env: KubectlEnv): Promise<number> {
  const root: Command = { name: 'kubectl', flags: [], subcommands: COMMANDS };
  const { command, path, rest } = findCommand(root, argv);
  const io = env.io;
  if (command === root) {
    const first = firstPositional(rest, GLOBAL_FLAGS);
    if (first === undefined) {
      try {
        parseFlags(rest, []);
      } catch (e) {
        if (!(e instanceof FlagError)) throw e;
        io.err(`Error: ${e.message}\nSee 'kubectl --help' for usage.\n`);
        return 1;
      }
      io.out(ROOT_HELP);
      return 0;
    }
    if (first === 'help') {
      // `kubectl help get`: the same text as `kubectl get --help`.
      const rest2 = rest.filter((a) => a !== 'help');
      const target = rest2.length ? findCommand(root, rest2) : undefined;
      io.out(target && target.command !== root ? ((await helpText(target.path)) ?? '') : ROOT_HELP);
      return 0;
    }
    if (ALL_COMMANDS.includes(first)) {
      io.err(`error: "kubectl ${first}" is not available in kubeplay yet\n`);
      return 1;
    }
    const sugg = suggestionsFor(first);
    io.err(`Error: unknown command "${first}" for "kubectl"\n` + (sugg.length ? `\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}\n` : ''));
    return 1;
  }
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(rest, command.flags));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    io.err(`Error: ${e.message}\nSee '${path} --help' for usage.\n`);
    return 1;
  }
  const cx = new CommandContext(env, flags, path);
  if (flags.bool('help')) {
    io.out((await helpText(path)) ?? `${path}: no help text in kubeplay\n`);
    return 0;
  }
  if (!command.run) {
    // A command group (`kubectl config`, `kubectl auth`): its help, or cobra's unknown command.
    if (flags.args.length === 0) {
      io.out((await helpText(path)) ?? '');
      return 0;
    }
    io.err(`error: unknown command "${flags.args[0]}"\nSee '${path} -h' for help and examples\n`);
    return 1;
  }
  try {
    return await command.run(cx);
  } catch (e) {
    if (e instanceof CommandError) {
      io.err(`error: ${e.message}\n${e.hint ? `${e.hint}\n` : ''}`);
      return 1;
    }
    if (e instanceof ApiError) {
      io.err(errorText(e));
      return 1;
    }
    throw e;
  }
}

/** Walks subcommands by the first positional argument, skipping flags and their values. */
function findCommand(root: Command, argv: readonly string[]): { command: Command; path: string; rest: string[] } {
  let command = root;
  let path = 'kubectl';
  let rest = [...argv];
  for (;;) {
    const subs = command.subcommands ?? [];
    if (subs.length === 0) break;
    const idx = firstPositionalIndex(rest, [...command.flags, ...GLOBAL_FLAGS]);
    if (idx < 0) break;
    const word = rest[idx]!;
    const next = subs.find((c) => c.name === word || (c.aliases ?? []).includes(word));
    if (!next) break;
    command = next;
    path = `${path} ${next.name}`;
    rest = [...rest.slice(0, idx), ...rest.slice(idx + 1)];
  }
  return { command, path, rest };
}

function firstPositionalIndex(args: readonly string[], flags: readonly FlagSpec[]): number {
  const valued = new Set<string>();
  for (const f of flags) {
    if (f.type === 'bool') continue;
    valued.add(`--${f.name}`);
    if (f.short) valued.add(`-${f.short}`);
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return -1;
    if (a.startsWith('-') && a !== '-') {
      if (valued.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

function firstPositional(args: readonly string[], flags: readonly FlagSpec[]): string | undefined {
  const i = firstPositionalIndex(args, flags);
  return i < 0 ? undefined : args[i];
}
