// `kubectl get pods` columns: printPod in pkg/printers/internalversion/printers.go (v1.32).
import type { ContainerStatus, Pod } from '../../../api/core-v1.ts';
import { parseTime } from '../../../time/clock.ts';
import { humanDuration } from '../human-duration.ts';
import type { Column, RowContext } from '../table.ts';

const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

export interface PodRow {
  ready: string;
  status: string;
  restarts: string;
}

function conditionTrue(pod: Pod, type: string): boolean {
  return pod.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

function isRestartableInit(pod: Pod, name: string): boolean {
  return pod.spec.initContainers?.find((c) => c.name === name)?.['restartPolicy'] === 'Always';
}

/** READY, STATUS and RESTARTS exactly as printPod derives them. */
export function podRow(pod: Pod, now: number): PodRow {
  const status = pod.status ?? {};
  let restarts = 0;
  let restartableRestarts = 0;
  let total = pod.spec.containers?.length ?? 0;
  let ready = 0;
  let lastRestart = 0;
  let lastRestartableRestart = 0;
  const phase = status.phase ?? '';
  let reason: string = status.reason || phase;
  const inits = pod.spec.initContainers ?? [];
  for (const c of inits) if (c['restartPolicy'] === 'Always') total++;
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const finished = (c: ContainerStatus) => parseTime(c.lastState?.terminated?.finishedAt) ?? 0;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, finished(c));
    const restartable = isRestartableInit(pod, c.name);
    if (restartable) {
      restartableRestarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestartableRestart = Math.max(lastRestartableRestart, finished(c));
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      if (term.reason) reason = `Init:${term.reason}`;
      else if (term.signal) reason = `Init:Signal:${term.signal}`;
      else reason = `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`;
    else reason = `Init:${i}/${inits.length}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = restartableRestarts;
    lastRestart = lastRestartableRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      if (c.lastState?.terminated) lastRestart = Math.max(lastRestart, finished(c));
      const term = c.state?.terminated;
      const wait = c.state?.waiting;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart > 0) restartsText = `${restarts} (${humanDuration(now - lastRestart)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}

// printPod computes all cells at once; the memo keeps each row's derivation to one pass.
let memo: { pod: Pod; now: number; row: PodRow } | undefined;
function row(pod: Pod, cx: RowContext): PodRow {
  if (memo?.pod !== pod || memo.now !== cx.now) memo = { pod, now: cx.now, row: podRow(pod, cx.now) };
  return memo.row;
}

export const columns: Column<Pod>[] = [
  { name: 'Name', cell: (p) => p.metadata.name ?? '' },
  { name: 'Ready', cell: (p, cx) => row(p, cx).ready },
  { name: 'Status', cell: (p, cx) => row(p, cx).status },
  { name: 'Restarts', cell: (p, cx) => row(p, cx).restarts },
  { name: 'Age', cell: (p, cx) => age(p.metadata.creationTimestamp, cx) },
  { name: 'IP', wide: true, cell: (p) => p.status?.podIPs?.[0]?.ip ?? p.status?.podIP ?? '<none>' },
  { name: 'Node', wide: true, cell: (p) => p.spec.nodeName || '<none>' },
  { name: 'Nominated Node', wide: true, cell: (p) => p.status?.nominatedNodeName || '<none>' },
  {
    name: 'Readiness Gates',
    wide: true,
    cell: (p) => {
      const gates = (p.spec['readinessGates'] as { conditionType: string }[] | undefined) ?? [];
      if (gates.length === 0) return '<none>';
      const ok = gates.filter((g) => p.status?.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
      return `${ok}/${gates.length}`;
    },
  },
];

export function age(ts: string | undefined | null, cx: RowContext): string {
  const t = parseTime(ts ?? undefined);
  return t === undefined ? '<unknown>' : humanDuration(cx.now - t);
}
