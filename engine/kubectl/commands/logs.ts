// kubectl logs POD|TYPE/NAME|-l SELECTOR [-c CONTAINER|--all-containers] [--tail N] [-f] [-p]
// [--timestamps] [--since D|--since-time T] [--prefix]: reads the container's log from the
// records the kubelet writes (kubelet/container-log.ts: text plus each line's time).
// Mirrors pkg/cmd/logs/logs.go and polymorphichelpers.LogsForObject.
import type { Pod } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { fromLabelSelector } from '../../api/labels.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError, badRequest } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { kindPrefix, resolveArgs } from '../resource-args.ts';
import { flushPod } from '../../kubelet/processes.ts';
import { readLog } from '../../kubelet/container-log.ts';
import { parseTime } from '../../time/clock.ts';
import { DurationError, parseGoDuration } from '../go-duration.ts';

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

/** The container's log lines with the time each was written (ms), as the kubelet keeps them. */
export function logLines(cx: CommandContext, pod: KubeObject, container: string, previous: boolean): { time?: number; text: string }[] {
  // Script containers' output up to now (the kubelet materialises it lazily).
  flushPod(cx.engine.store, pod.metadata.uid!, cx.engine.clock.now());
  return readLog(cx.engine.store, pod.metadata.uid!, container, previous);
}

/** containerd's RFC 3339 timestamps carry nanoseconds. */
function nanoStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

interface Stream {
  pod: Pod;
  container: string;
  restartCount?: number;
}

/** The builder's GET in logs.go Complete: NotFound is rewritten with the namespace. */
function builderGet(cx: CommandContext, key: string, ns: string, name: string): KubeObject {
  try {
    return cx.api.get(key, ns, name);
  } catch (e) {
    if (e instanceof ApiError && e.status.code === 404) throw new CommandError(`error from server (NotFound): ${e.status.message} in namespace ${JSON.stringify(ns)}`);
    throw e;
  }
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const args = f.args;
  const selector = f.str('selector');
  if (args.length === 0 && !selector) throw new CommandError(USAGE, cx.helpHint());
  if (args.length > 2 || (selector && args.length > 0)) throw new CommandError(selector ? 'only a selector (-l) or a POD name is allowed' : USAGE, cx.helpHint());
  if (f.str('since') && f.str('since-time')) throw new CommandError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  let sinceMs: number | undefined;
  if (f.str('since')) {
    try {
      sinceMs = parseGoDuration(f.str('since'));
    } catch (e) {
      if (e instanceof DurationError) throw new CommandError(`invalid argument "${f.str('since')}" for "--since" flag: ${e.message}`);
      throw e;
    }
  }
  if (f.str('since-time') && parseTime(f.str('since-time')) === undefined)
    throw new CommandError(`--since-time must be a valid RFC3339 timestamp`);
  const ns = cx.namespace;
  const previous = f.bool('previous');
  let pods: Pod[];
  if (selector) {
    pods = cx.api.list<Pod>('pods', ns, { labelSelector: selector }).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    if (pods.length === 0) {
      cx.err(`No resources found in ${ns} namespace.\n`);
      return 0;
    }
  } else if (args[0]!.includes('/')) {
    const req = resolveArgs([args[0]!]).requests[0]!;
    const obj = builderGet(cx, resourceKey(req.type), ns, req.names[0]!);
    if (req.type.kind === 'Pod') pods = [obj as Pod];
    else {
      const sel = fromLabelSelector((obj['spec'] as { selector?: never } | undefined)?.selector);
      const found = sel ? (cx.api.list('pods', ns) as Pod[]).filter((p) => sel.every((r) => 'value' in r && p.metadata.labels?.[r.key] === r.value)) : [];
      if (found.length === 0) throw new CommandError(`timed out waiting for the condition`);
      if (found.length > 1) cx.err(`Found ${found.length} pods, using pod/${found[0]!.metadata.name}\n`);
      pods = [found[0]!];
      void kindPrefix;
    }
  } else pods = [builderGet(cx, 'pods', ns, args[0]!) as Pod];

  // One stream per pod container (all of them with --all-containers), checked as the API server does.
  const streams: Stream[] = [];
  for (const pod of pods) {
    const names = pod.spec.containers.map((c) => c.name);
    const all = [...(pod.spec.initContainers ?? []).map((c) => c.name), ...names];
    let wanted: string[];
    if (f.bool('all-containers')) wanted = all;
    else {
      let container = f.str('container') || args[1] || '';
      if (!container) {
        container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? names[0]!;
        if (names.length > 1) cx.err(`Defaulted container "${container}" out of: ${names.join(', ')}\n`);
      }
      if (!all.includes(container)) throw new CommandError(`container ${container} is not valid for pod ${pod.metadata.name}`);
      wanted = [container];
    }
    for (const container of wanted) {
      const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
      if (previous && !status?.lastState?.terminated)
        throw badRequest(`previous terminated container "${container}" in pod "${pod.metadata.name}" not found`);
      const waiting = status?.state?.waiting;
      if (!previous && (!status || (waiting && !status.lastState?.terminated && (status.restartCount ?? 0) === 0)))
        throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${waiting?.reason ?? 'ContainerCreating'}`);
      streams.push({ pod, container, ...(status?.restartCount !== undefined ? { restartCount: status.restartCount } : {}) });
    }
  }
  const follow = f.bool('follow') && !previous;
  const maxRequests = f.has('max-log-requests') ? f.int('max-log-requests', 5) : 5;
  if (follow && streams.length > maxRequests)
    throw new CommandError(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`);

  // With a selector kubectl asks for the last 10 lines unless --tail says otherwise.
  const tail = f.has('tail') ? f.int('tail', -1) : selector ? 10 : -1;
  const since = sinceMs !== undefined ? cx.now() - sinceMs : f.str('since-time') ? parseTime(f.str('since-time'))! : undefined;
  const prefixOf = (s: Stream) => (f.bool('prefix') ? `[pod/${s.pod.metadata.name}/${s.container}] ` : '');
  const print = (s: Stream, from: number): number => {
    const lines = logLines(cx, s.pod, s.container, previous);
    let start = from;
    if (from === 0) {
      if (since !== undefined) while (start < lines.length && (lines[start]!.time ?? Infinity) < since) start++;
      if (tail >= 0) start = Math.max(start, lines.length - tail);
    }
    let text = '';
    for (const l of lines.slice(start)) text += `${prefixOf(s)}${f.bool('timestamps') && l.time !== undefined ? `${nanoStamp(l.time)} ` : ''}${l.text}\n`;
    if (text) cx.out(text);
    return lines.length;
  };
  const seen = streams.map((s) => print(s, 0));
  if (follow) {
    const open = new Set(streams.map((_, i) => i));
    while (!cx.io.cancelled() && open.size) {
      await cx.io.sleep(1000);
      for (const i of [...open]) {
        const s = streams[i]!;
        seen[i] = Math.max(seen[i]!, print(s, seen[i]!));
        const now = cx.api.tryGet<Pod>('pods', ns, s.pod.metadata.name ?? '');
        const cs = [...(now?.status?.containerStatuses ?? []), ...(now?.status?.initContainerStatuses ?? [])].find((x) => x.name === s.container);
        if (!now || now.metadata.uid !== s.pod.metadata.uid || cs?.state?.terminated || (cs && cs.restartCount !== s.restartCount)) open.delete(i);
      }
    }
  }
  return 0;
}
