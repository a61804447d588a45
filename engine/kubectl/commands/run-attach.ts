// `kubectl run -it [--rm] NAME --image=IMG [-- CMD...]` (pkg/cmd/run/run.go attach path):
// creates the pod with stdin/tty, waits (up to --pod-running-timeout, 1m) for its container
// to start, then attaches: a shell becomes the terminal's foreground program until `exit`,
// any other command runs and its output streams back. With --rm the pod is deleted after.
import type { Pod } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { attachShell, isShell, runInContainer } from '../../network/container-exec.ts';
import { CommandError, type CommandContext } from '../command.ts';
import { printWarnings } from './apply.ts';

const POLL_MS = 500;

function started(pod: Pod | undefined): boolean {
  const c = pod?.status?.containerStatuses?.[0];
  return !!(c?.state?.running || c?.state?.terminated || c?.lastState?.terminated);
}

async function finish(cx: CommandContext, name: string, rm: boolean): Promise<void> {
  const ns = cx.namespace;
  if (rm) {
    cx.api.delete('pods', ns, name);
    cx.out(`pod "${name}" deleted\n`);
  } else cx.out(`Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`);
}

export async function runAttached(cx: CommandContext, obj: KubeObject): Promise<number> {
  const f = cx.flags;
  const interactive = f.bool('stdin');
  const tty = f.bool('tty');
  const rm = f.bool('rm');
  if (rm && !interactive && !f.bool('attach')) throw new CommandError('--rm should only be used for attached containers');
  if (tty && !interactive) cx.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const container = ((obj['spec'] as { containers: Record<string, unknown>[] }).containers[0])!;
  if (interactive) container['stdinOnce'] = true;
  const ns = cx.namespace;
  obj.metadata.namespace = ns;
  const r = cx.api.create<Pod>('pods', ns, obj as Pod);
  printWarnings(cx, r.warnings);
  const name = r.object.metadata.name!;
  const timeoutMs = 60_000;
  let waited = 0;
  let pod = cx.api.tryGet<Pod>('pods', ns, name);
  while (!started(pod) && waited < timeoutMs && !cx.io.cancelled()) {
    await cx.io.sleep(POLL_MS);
    waited += POLL_MS;
    pod = cx.api.tryGet<Pod>('pods', ns, name);
  }
  if (!pod || !started(pod)) {
    cx.err(`error: timed out waiting for the condition\n`);
    return 1;
  }
  if (tty) cx.err("If you don't see a command prompt, try pressing enter.\n");
  const spec = pod.spec.containers[0]!;
  const argv = [...(spec.command ?? []), ...(spec.args ?? [])];
  const shellState = { vars: {}, exported: [], lastExitCode: 0, kubeconfig: cx.env.config };
  const cmd = argv.length ? argv : ['sh'];
  if (interactive && isShell(cmd[0]!, spec.image) && cmd.length === 1) {
    attachShell(cx.engine, pod, spec, shellState, cmd[0]!, async (code) => {
      await finish(cx, name, rm);
      return code;
    });
    return 0;
  }
  const code = await runInContainer(cx.engine, pod, spec, shellState, cmd, { ...cx.io, stdin: '' });
  if (rm) await finish(cx, name, rm);
  if (code !== 0 && (obj['spec'] as { restartPolicy?: string }).restartPolicy === 'Never') cx.err(`pod ${ns}/${name} terminated (Error)\n`);
  return code;
}
