// generateAPIPodStatus (pkg/kubelet/kubelet_pods.go), pure: the PodStatus the kubelet reports,
// derived from the pod machine's context. Phase follows getPhase; conditions keep their
// lastTransitionTime while their status does not change.
import type { Container, ContainerState, ContainerStatus, Pod, PodStatus } from '../api/core-v1.ts';
import type { Condition } from '../api/meta.ts';
import { imageID, parseImageRef, statusImage } from '../containers/images.ts';
import { podDesc } from '../controllers/pod-util.ts';
import { rfc3339 } from '../time/clock.ts';
import type { ContainerCtx, PodCtx } from './pod.machine.ts';
import { qosClass } from './qos.ts';

export interface StatusInput {
  pod: Pod;
  ctx: PodCtx;
  /** Machine state name ("Pending", "Sandbox", "Running", ...). */
  state: string;
  hostIP: string;
  podIP?: string;
  now: number;
}

/**
 * Parts of a status that many pods have equal, shared between them once frozen: replicas that
 * start in the same second report equal conditions, host IPs and running states, and a Running
 * pod keeps its status for good. The store freezes a status in place and skips frozen subtrees,
 * so a shared part is never written and costs nothing to freeze again. Only the last part built
 * per slot is kept (a batch of replicas is written together).
 */
const lastShared = new Map<string, object>();

/**
 * `fresh` itself (frozen, kept for the next pod), or the part kept last under `slot` when `same`
 * says it is equal (parts of a slot are built by one function: equal fields, equal key order).
 */
function shared<T extends object>(slot: string, fresh: T, same: (a: T, b: T) => boolean): T {
  const last = lastShared.get(slot) as T | undefined;
  if (last && same(last, fresh)) return last;
  lastShared.set(slot, Object.freeze(fresh));
  return fresh;
}

/** cond() sets reason and message only with a value, so absent and undefined never mix. */
const sameCondition = (a: Condition, b: Condition) =>
  a.status === b.status && a.lastTransitionTime === b.lastTransitionTime && a.reason === b.reason && a.message === b.message && a.type === b.type;
const sameIP = (a: { ip: string }, b: { ip: string }) => a.ip === b.ip;
const sameFirst = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a[0] === b[0];
const sameStartedAt = (a: { startedAt: string }, b: { startedAt: string }) => a.startedAt === b.startedAt;
const sameRunning = (a: { running?: unknown }, b: { running?: unknown }) => a.running === b.running;

const NO_STATE: ContainerState = Object.freeze({});

function containerState(c: ContainerCtx): ContainerState {
  if (c.state === 'running') {
    const running = shared('running', { startedAt: rfc3339(c.startedAt!) }, sameStartedAt);
    return shared('state.running', { running }, sameRunning);
  }
  if (c.state === 'terminated')
    return {
      terminated: {
        containerID: c.containerID!, exitCode: c.exitCode ?? 0, finishedAt: rfc3339(c.finishedAt!),
        reason: c.reason ?? 'Completed', startedAt: rfc3339(c.startedAt!),
      },
    };
  const waiting: { reason?: string; message?: string } = { reason: c.reason ?? 'ContainerCreating' };
  if (c.message) waiting.message = c.message;
  return { waiting };
}

function containerStatus(pod: Pod, c: ContainerCtx): ContainerStatus {
  const ref = parseImageRef(c.image);
  const hasRun = c.state !== 'waiting' || c.last !== undefined;
  const s: ContainerStatus = {
    name: c.name,
    ready: c.ready,
    restartCount: c.restartCount,
    image: hasRun && ref ? statusImage(ref) : c.image,
    imageID: hasRun && ref ? imageID(ref) : '',
    started: c.started,
    state: containerState(c),
    lastState: c.last
      ? { terminated: { containerID: c.last.containerID, exitCode: c.last.exitCode, finishedAt: rfc3339(c.last.finishedAt), reason: c.last.reason, startedAt: rfc3339(c.last.startedAt) } }
      : NO_STATE,
  };
  const id = c.state === 'waiting' ? c.last?.containerID : c.containerID;
  if (id) s.containerID = id;
  if (s.state?.waiting?.reason === 'CrashLoopBackOff' && s.state.waiting.message) s.state.waiting.message += ` pod=${podDesc(pod)}`;
  if (s.state?.waiting?.reason === 'ImagePullBackOff') s.state.waiting.message = `Back-off pulling image "${c.image}"`;
  const spec = (c.init ? pod.spec.initContainers ?? [] : pod.spec.containers).find((x) => x.name === c.name);
  if (spec?.volumeMounts?.length) s['volumeMounts'] = statusMounts(spec.volumeMounts);
  return s;
}

/**
 * By the spec's (frozen) mount list: the status's copy of it, built once per pod version and
 * shared by its statuses (the store freezes them; nothing writes into a status after this).
 */
type VolumeMount = NonNullable<Container['volumeMounts']>[number];
const mountsOf = new WeakMap<readonly VolumeMount[], readonly VolumeMount[]>();

function statusMounts(mounts: readonly VolumeMount[]): readonly VolumeMount[] {
  const known = mountsOf.get(mounts);
  if (known) return known;
  const out = mounts.map((m) => {
    const copy = Object.assign({}, m);
    if (m.readOnly) Object.assign(copy, { readOnly: true, recursiveReadOnly: 'Disabled' });
    return copy;
  });
  if (Object.isFrozen(mounts)) mountsOf.set(mounts, out);
  return out;
}

/** getPhase: Pending while any container has never started; Running/Succeeded/Failed after. */
export function podPhase(pod: Pod, ctx: PodCtx): NonNullable<PodStatus['phase']> {
  let running = 0, stopped = 0, succeeded = 0, waiting = 0;
  let initFailed = false, initPending = false;
  for (const c of ctx.containers) {
    if (!c.init) continue;
    if (c.state === 'terminated' && (c.exitCode ?? 0) !== 0) initFailed = true;
    if (!(c.state === 'terminated' && (c.exitCode ?? 0) === 0)) initPending = true;
  }
  // An init container that failed for good fails the pod; one still to finish keeps it Pending.
  if (ctx.restartPolicy === 'Never' && initFailed) return 'Failed';
  if (initPending) return 'Pending';
  for (const c of ctx.containers) {
    if (c.init) continue;
    if (c.state === 'running') running++;
    else if (c.state === 'terminated') {
      stopped++;
      if ((c.exitCode ?? 0) === 0) succeeded++;
    } else if (c.last) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (ctx.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (ctx.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return pod.status?.phase ?? 'Pending';
}

function cond(prev: Condition[] | undefined, type: string, ok: boolean, now: number, reason?: string, message?: string): Condition {
  const status = ok ? 'True' : 'False';
  const old = prev?.find((c) => c.type === type);
  const c: Condition = { type, status, lastProbeTime: null, lastTransitionTime: old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(now) };
  if (!ok && reason) c.reason = reason;
  if (!ok && message) c.message = message;
  return shared(type, c, sameCondition);
}

export function podStatus({ pod, ctx, state, hostIP, podIP, now }: StatusInput): PodStatus {
  const prev = pod.status?.conditions;
  const phase = podPhase(pod, ctx);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const apps: ContainerCtx[] = [];
  const inits: ContainerCtx[] = [];
  const unready: string[] = [];
  const incomplete: string[] = [];
  for (const c of ctx.containers) {
    if (c.init) {
      inits.push(c);
      if (!(c.state === 'terminated' && (c.exitCode ?? 0) === 0)) incomplete.push(c.name);
    } else {
      apps.push(c);
      if (!c.ready) unready.push(c.name);
    }
  }
  const allReady = unready.length === 0 && apps.length > 0;
  const initialized = incomplete.length === 0 || (phase === 'Succeeded');
  const sandbox = ctx.sandboxAt !== undefined && state !== 'Terminated' && !terminal;
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  // Messages only where a condition is False (cond drops them otherwise).
  const readyMsg = terminal || allReady ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const initMsg = initialized ? undefined : `containers with incomplete status: [${incomplete.join(' ')}]`;
  const scheduled = prev?.find((c) => c.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True' as const, lastProbeTime: null, lastTransitionTime: rfc3339(now) };
  const conditions: Condition[] = [
    cond(prev, 'PodReadyToStartContainers', sandbox, now),
    cond(prev, 'Initialized', initialized, now, 'ContainersNotInitialized', initMsg),
    cond(prev, 'Ready', allReady && !terminal, now, readyReason, readyMsg),
    cond(prev, 'ContainersReady', allReady && !terminal, now, readyReason, readyMsg),
    scheduled,
  ];
  const status: PodStatus = { phase, conditions, hostIP, hostIPs: shared('hostIPs', [shared('hostIP', { ip: hostIP }, sameIP)], sameFirst) };
  if (podIP && ctx.sandboxAt !== undefined) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = rfc3339(ctx.admittedAt ?? now);
  if (inits.length) status.initContainerStatuses = inits.map((c) => containerStatus(pod, c));
  status.containerStatuses = apps.map((c) => containerStatus(pod, c));
  status.qosClass = pod.status?.qosClass ?? qosClass(pod);
  return status;
}
