// kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT... (pkg/cmd/portforward): picks a pod
// (svc/deploy/rs/sts/pod), maps a Service port to its target port on that pod, listens on the
// learner's localhost, prints `Forwarding from 127.0.0.1:8080 -> 80` (and [::1]) and
// `Handling connection for 8080` per connection, until interrupted (or run with `&`).
import type { Pod, Service } from '../../api/core-v1.ts';
import { findPort } from '../../network/endpoint-util.ts';
import { addForward, removeForward } from '../../network/port-forward.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { attachablePod } from './attachable-pod.ts';

export const portForward: Command = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  flags: [
    { name: 'address', type: 'stringSlice' },
    { name: 'pod-running-timeout', type: 'string' },
  ],
  run,
};

function remotePort(cx: CommandContext, arg: string, pod: Pod, remote: string): number {
  if (!arg.startsWith('svc/') && !arg.startsWith('service/') && !arg.startsWith('services/')) {
    if (/^\d+$/.test(remote)) return Number(remote);
    for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === remote) return p.containerPort;
    throw new CommandError(`Pod '${pod.metadata.name}' does not have a named port '${remote}'`);
  }
  const svc = cx.api.get<Service>('services', cx.namespace, arg.slice(arg.indexOf('/') + 1));
  const sp = (svc.spec.ports ?? []).find((p) => String(p.port) === remote || p.name === remote);
  if (!sp) throw new CommandError(`Service ${svc.metadata.name} does not have a service port ${remote}`);
  const n = findPort(pod, sp);
  if (n === undefined) throw new CommandError(`Pod '${pod.metadata.name}' does not have a named port '${String(sp.targetPort)}'`);
  return n;
}

async function run(cx: CommandContext): Promise<number> {
  const [target, ...specs] = cx.flags.args;
  if (!target || specs.length === 0) throw new CommandError('TYPE/NAME and list of ports are required for port-forward', cx.helpHint());
  const pod = attachablePod(cx, target);
  if (pod.status?.phase !== 'Running') throw new CommandError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
  const engine = cx.engine;
  const opened: number[] = [];
  for (const spec of specs) {
    const [l, r] = spec.includes(':') ? spec.split(':', 2) as [string, string] : [spec, spec];
    const remote = remotePort(cx, target, pod, r);
    const local = l === '' ? 40000 + engine.rng.int(20000) : Number(l);
    const ok = addForward(engine, local, {
      namespace: pod.metadata.namespace!, pod: pod.metadata.name!, remotePort: remote,
      onConnection: () => cx.out(`Handling connection for ${local}\n`),
    });
    if (!ok) {
      cx.err(`Unable to listen on port ${local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:${local}: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{${local} ${remote}}]\n`);
      for (const p of opened) removeForward(engine, p);
      return 1;
    }
    opened.push(local);
    cx.out(`Forwarding from 127.0.0.1:${local} -> ${remote}\nForwarding from [::1]:${local} -> ${remote}\n`);
  }
  // Runs until interrupted (Ctrl-C in the tab, the session's bound in a transcript).
  while (!cx.io.cancelled()) await cx.io.sleep(1000);
  for (const p of opened) removeForward(engine, p);
  return 0;
}
