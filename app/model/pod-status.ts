// The STATUS word `kubectl get pods` prints, computed like kubectl's printPod
// (pkg/printers/internalversion/printers.go, v1.32), plus the colour family the page uses.
import type { Pod } from '../../engine/engine-api.ts';
import type { ContainerStatus } from '../../engine/api/core-v1.ts';

export const PodTone = {
  running: 'running',
  pending: 'pending',
  terminating: 'terminating',
  error: 'error',
  completed: 'completed',
  unknown: 'unknown',
} as const;
export type PodTone = (typeof PodTone)[keyof typeof PodTone];

export interface PodSummary {
  /** The STATUS column word, e.g. Running, ContainerCreating, Init:0/1, CrashLoopBackOff. */
  status: string;
  ready: number;
  total: number;
  restarts: number;
  tone: PodTone;
}

const NODE_UNREACHABLE_REASON = 'NodeLost';

function isRestartableInit(pod: Pod, name: string): boolean {
  return pod.spec.initContainers?.find((c) => c.name === name)?.['restartPolicy'] === 'Always';
}

function hasCondition(pod: Pod, type: string): boolean {
  return pod.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

export function podStatus(pod: Pod): PodSummary {
  const status = pod.status ?? {};
  const phase = status.phase ?? '';
  let reason: string = status.reason || phase;
  let restarts = 0;
  let restartableRestarts = 0;
  let ready = 0;
  let total = pod.spec.containers.length;
  const inits = pod.spec.initContainers ?? [];
  for (const c of inits) if (c['restartPolicy'] === 'Always') total++;

  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    const restartable = isRestartableInit(pod, c.name);
    if (restartable) restartableRestarts += c.restartCount ?? 0;
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = `Init:${wait.reason}`;
    } else {
      reason = `Init:${i}/${inits.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(pod, 'Initialized')) {
    restarts = restartableRestarts;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
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
    if (reason === 'Completed' && hasRunning) reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  return { status: reason, ready, total, restarts, tone: toneOf(reason) };
}

const PENDING_WORDS = new Set(['Pending', 'ContainerCreating', 'PodInitializing', 'SchedulingGated', 'NotReady']);
const COMPLETED_WORDS = new Set(['Completed', 'Succeeded']);

/** The colour family of a STATUS word; anything not known to be healthy or waiting is an error. */
export function toneOf(word: string): PodTone {
  if (word === 'Running') return PodTone.running;
  if (word === 'Terminating') return PodTone.terminating;
  if (COMPLETED_WORDS.has(word)) return PodTone.completed;
  if (PENDING_WORDS.has(word) || /^Init:\d+\/\d+$/.test(word)) return PodTone.pending;
  if (word === 'Unknown' || word === '') return PodTone.unknown;
  return PodTone.error;
}
