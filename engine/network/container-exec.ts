// Running a process in a container through the CRI (what `kubectl exec` and `kubectl run -it`
// end up doing): a program the image lacks fails as runc reports it; a shell runs its script;
// anything else runs as one command of a fresh container shell. An interactive shell becomes
// the terminal's foreground program until `exit`.
import type { Container, Pod } from '../api/core-v1.ts';
import { imageDigest } from '../containers/images.ts';
import type { Engine } from '../engine.ts';
import type { CommandIO } from '../shell/command-io.ts';
import { runLine, type ShellHost } from '../shell/shell.ts';
import type { ShellState } from '../shell/state.ts';
import { containerCommands } from './container-commands.ts';
import { containerShell, notFoundMessage, prompt } from './exec-context.ts';
import { setForeground } from './foreground.ts';

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

export function isShell(argv0: string, image: string | undefined): boolean {
  if (!SHELLS.has(argv0)) return false;
  return !/bash$/.test(argv0) || !/busybox|alpine/.test(image ?? '');
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function hostFor(engine: Engine, pod: Pod, c: Container, base: ShellState): ShellHost {
  const sh = containerShell(engine, pod, c, base);
  return {
    engine,
    workspace: sh.workspace,
    state: sh.state,
    reset: () => engine,
    commands: containerCommands(sh.ctx),
    notFound: (n) => notFoundMessage(sh.ctx, n),
  };
}

/** runc's message for a program not on the image's PATH (kubectl prints it as an internal error). */
export function execNotFound(engine: Engine, pod: Pod, argv0: string): string {
  const id = imageDigest(`${pod.metadata.uid}/exec/${engine.clock.now()}`).slice(7);
  return `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": executable file not found in $PATH: unknown\n`;
}

/** Whether the image has the program argv[0] names. */
export function hasProgram(engine: Engine, pod: Pod, c: Container, base: ShellState, argv0: string): boolean {
  if (isShell(argv0, c.image)) return true;
  const name = argv0.split('/').pop()!;
  return name in (hostFor(engine, pod, c, base).commands ?? {});
}

/** Runs argv non-interactively; resolves with its exit code. */
export async function runInContainer(engine: Engine, pod: Pod, c: Container, base: ShellState, argv: string[], io: CommandIO): Promise<number> {
  const host = hostFor(engine, pod, c, base);
  const [cmd, ...rest] = argv as [string, ...string[]];
  if (isShell(cmd, c.image)) {
    if (rest[0] === '-c') return runLine(rest.slice(1).join(' '), { ...io }, host);
    // A shell without a terminal reads its script from stdin (empty: exits 0 at once).
    return io.stdin ? runLine(io.stdin, io, host) : 0;
  }
  return runLine([cmd.split('/').pop()!, ...rest].map(quote).join(' '), io, host);
}

/**
 * Makes an interactive shell in the container the terminal's foreground program. `done` runs
 * when the learner types `exit` and returns the exit code the terminal's kubectl ends with.
 */
export function attachShell(engine: Engine, pod: Pod, c: Container, base: ShellState, shell: string, done: (code: number, io: CommandIO) => number | Promise<number>): void {
  const host = hostFor(engine, pod, c, base);
  const ctx = { engine, pod, container: c, flavour: host.notFound!('x').startsWith('sh: 1:') ? 'debian' : 'busybox', tools: new Set<string>() } as const;
  setForeground(base.kubeconfig, {
    prompt: () => prompt(ctx, shell, host.state.vars['PWD'] ?? '/'),
    async input(text, io) {
      const m = /^\s*exit(?:\s+(\d+))?\s*$/.exec(text);
      if (m) {
        setForeground(base.kubeconfig, undefined);
        return done(m[1] !== undefined ? Number(m[1]) & 255 : host.state.lastExitCode, io);
      }
      await runLine(text, io, host);
      return 0;
    },
  });
}
