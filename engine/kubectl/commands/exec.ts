// kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]
// (pkg/cmd/exec/exec.go): runs the command in the container's context (engine/network/
// container-exec.ts); `-it ... -- sh` attaches an interactive shell that reads the following
// terminal lines until `exit`. A non-zero exit prints `command terminated with exit code N`.
import type { Pod } from '../../api/core-v1.ts';
import { attachShell, execNotFound, hasProgram, isShell, runInContainer } from '../../network/container-exec.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { attachablePod } from './attachable-pod.ts';

export const execCmd: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run,
};

/** The container kubectl picks: -c, the default-container annotation, else the first (with a notice). */
export function pickContainer(cx: CommandContext, pod: Pod, quiet: boolean): string {
  const wanted = cx.flags.str('container');
  const names = pod.spec.containers.map((c) => c.name);
  if (wanted) return wanted;
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && names.includes(annotated)) return annotated;
  if (names.length > 1 && !quiet) cx.err(`Defaulted container "${names[0]}" out of: ${names.join(', ')}\n`);
  return names[0]!;
}

export function terminated(cx: CommandContext, code: number): number {
  if (code !== 0) cx.err(`command terminated with exit code ${code}\n`);
  return code;
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const args = f.args;
  const command = f.parsed.dashArgs ?? [];
  if (args.length === 0) throw new CommandError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', cx.helpHint());
  if (args.length > 1) throw new CommandError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', cx.helpHint());
  if (command.length === 0) throw new CommandError('you must specify at least one command for the container');
  const pod = attachablePod(cx, args[0]!);
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
    throw new CommandError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  const name = pickContainer(cx, pod, f.bool('quiet'));
  const container = pod.spec.containers.find((c) => c.name === name);
  if (!container) {
    cx.err(`Error from server (BadRequest): container ${name} is not valid for pod ${pod.metadata.name}\n`);
    return 1;
  }
  const running = pod.status?.containerStatuses?.find((s) => s.name === name)?.state?.running;
  if (!running) throw new CommandError(`unable to upgrade connection: container not found ("${name}")`);
  const engine = cx.engine;
  const shellState = { vars: {}, exported: [], lastExitCode: 0, kubeconfig: cx.env.config };
  if (!hasProgram(engine, pod, container, shellState, command[0]!)) {
    cx.err(execNotFound(engine, pod, command[0]!));
    return 1;
  }
  if (f.bool('stdin') && f.bool('tty') && isShell(command[0]!, container.image) && command.length === 1) {
    attachShell(engine, pod, container, shellState, command[0]!, (code) => terminated(cx, code));
    return 0;
  }
  const code = await runInContainer(engine, pod, container, shellState, command, { ...cx.io, stdin: f.bool('stdin') ? cx.io.stdin : '' });
  return terminated(cx, code);
}
