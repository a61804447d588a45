// kubectl logs POD|TYPE/NAME [-c CONTAINER] [--tail N] [-f] [-p] [--timestamps]: reads the
// container's log from the simulation-private records the kubelet writes
// (`logs/<podUID>/<container>`, previous instance `logs/<podUID>/<container>/previous`).
// Mirrors pkg/cmd/logs/logs.go and polymorphichelpers.LogsForObject.
import type { Pod } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { fromLabelSelector } from '../../api/labels.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { badRequest } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { kindPrefix, resolveArgs } from '../resource-args.ts';
import { flushPod } from '../../kubelet/processes.ts';

const USAGE = `expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`;

export const logs: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'tail', type: 'int' },
    { name: 'timestamps', type: 'bool' },
    { name: 'all-containers', type: 'bool' },
    { name: 'prefix', type: 'bool' },
    { name: 'since', type: 'string' },
    { name: 'since-time', type: 'string' },
    { name: 'limit-bytes', type: 'int' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'max-log-requests', type: 'int' },
    { name: 'pod-running-timeout', type: 'string' },
    { name: 'ignore-errors', type: 'bool' },
  ],
  run,
};

/** One log line as the kubelet records it: text, or {time, line}. */
type LogEntry = string | { time?: string; line?: string; text?: string };

export function logLines(cx: CommandContext, pod: KubeObject, container: string, previous: boolean): { time?: string; text: string }[] {
  const key = `logs/${pod.metadata.uid}/${container}${previous ? '/previous' : ''}`;
  // Script containers' output up to now (the kubelet materialises it lazily).
  flushPod(cx.engine.store, pod.metadata.uid!, cx.engine.clock.now());
  const rec = cx.engine.store.getRecord<LogEntry[] | string>(key);
  if (rec === undefined) return [];
  if (typeof rec === 'string') return rec.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').map((text) => ({ text }));
  return rec.map((e) => (typeof e === 'string' ? { text: e } : { ...(e.time ? { time: e.time } : {}), text: e.line ?? e.text ?? '' }));
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const args = f.args;
  if (args.length === 0 && !f.str('selector')) throw new CommandError(USAGE, cx.helpHint());
  if (args.length > 2) throw new CommandError(USAGE, cx.helpHint());
  const ns = cx.namespace;
  let pod: Pod;
  if (args[0]!.includes('/')) {
    const req = resolveArgs([args[0]!]).requests[0]!;
    const obj = cx.api.get(resourceKey(req.type), ns, req.names[0]!);
    if (req.type.kind === 'Pod') pod = obj as Pod;
    else {
      const sel = fromLabelSelector((obj['spec'] as { selector?: never } | undefined)?.selector);
      const pods = sel ? (cx.api.list('pods', ns) as Pod[]).filter((p) => sel.every((r) => 'value' in r && p.metadata.labels?.[r.key] === r.value)) : [];
      if (pods.length === 0) throw new CommandError(`timed out waiting for the condition`);
      if (pods.length > 1) cx.err(`Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n`);
      pod = pods[0]!;
      void kindPrefix;
    }
  } else pod = cx.api.get<Pod>('pods', ns, args[0]!);
  const names = pod.spec.containers.map((c) => c.name);
  let container = f.str('container') || args[1] || '';
  if (!container) {
    container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0]!;
    if (names.length > 1 && !f.bool('all-containers')) cx.err(`Defaulted container "${container}" out of: ${names.join(', ')}\n`);
  }
  const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => c.name)];
  if (!all.includes(container)) throw new CommandError(`container ${container} is not valid for pod ${pod.metadata.name}`);
  const previous = f.bool('previous');
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  if (previous && !status?.lastState?.terminated)
    throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
  const waiting = status?.state?.waiting;
  if (!previous && (!status || (waiting && !status.lastState?.terminated && (status.restartCount ?? 0) === 0)))
    throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting?.reason ?? 'ContainerCreating'}`);

  const print = (from: number) => {
    const lines = logLines(cx, pod, container, previous);
    let start = from;
    if (from === 0 && f.has('tail') && f.int('tail', -1) >= 0) start = Math.max(0, lines.length - f.int('tail', -1));
    for (const l of lines.slice(start)) cx.out(`${f.bool('timestamps') && l.time ? `${l.time} ` : ''}${l.text}\n`);
    return lines.length;
  };
  let seen = print(0);
  if (f.bool('follow') && !previous) {
    const uid = pod.metadata.uid;
    while (!cx.io.cancelled()) {
      await cx.io.sleep(1000);
      seen = Math.max(seen, printFrom(print, seen));
      const now = cx.api.tryGet<Pod>('pods', ns, pod.metadata.name ?? '');
      const cs = now?.status?.containerStatuses?.find((s) => s.name === container);
      if (!now || now.metadata.uid !== uid || cs?.state?.terminated || (cs && cs.restartCount !== status?.restartCount)) break;
    }
  }
  return 0;
}

function printFrom(print: (from: number) => number, seen: number): number {
  return print(seen);
}
