// The kubelet's view of one pod, as an xstate machine *definition* (no live actor): the kubelet
// advances it with the pure transition(), stores `{value, context}` as a sim record, turns each
// delayed raise into a clock timer and each named action into a side effect (Event, log line,
// API write). Containers come up one after another (pull, create, start), as the kubelet's
// SyncPod does; init containers first, each run to completion (`Init:0/2`); restarts back off
// 10s doubling to 5 min, forgotten after 10 min of running (k8s-behavior 7.3). Readiness and
// liveness verdicts come from the kubelet's prober as events.
import { assign, raise, setup } from 'xstate';
import type { ProcessPlan } from './process.ts';

export type PullMode = 'pull' | 'present' | 'fail' | 'never' | 'invalid';

/** What the kubelet decides for a container when it admits the pod. */
export interface ContainerSetup {
  name: string;
  image: string;
  pull: PullMode;
  pullMs: number;
  sizeBytes: number;
  /** Has a readiness (or startup) probe: not ready until the prober says so. */
  probed: boolean;
  /** An init container: runs to completion before the next one starts. */
  init?: boolean;
}

export interface ContainerCtx extends ContainerSetup {
  state: 'waiting' | 'running' | 'terminated';
  reason?: string;
  message?: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  containerID?: string;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  last?: { exitCode: number; reason: string; startedAt: number; finishedAt: number; containerID: string };
  exitAfterMs?: number;
  exitCodePlanned: number;
  exitReasonPlanned?: string;
  /** Set when the kubelet kills it (failed liveness probe): the code it will die with. */
  killCode?: number;
  stopMs: number | 'grace';
  /** Next crash-loop delay (0 = restart at once). */
  backoffMs: number;
  pullBackoffMs: number;
  /** Has this container image been seen as pulled once (restarts only re-check it). */
  pulled: boolean;
}

export interface PodCtx {
  containers: ContainerCtx[];
  /** Index of the container being brought up. */
  next: number;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  admittedAt?: number;
  sandboxAt?: number;
  terminatingAt?: number;
  graceMs: number;
}

export type PodEvent =
  | { type: 'pod.sync'; now: number; containers: ContainerSetup[]; restartPolicy: PodCtx['restartPolicy']; graceMs?: number }
  | { type: 'pod.deleted'; now: number; graceMs: number }
  | { type: 'sandbox.ready'; now: number }
  | { type: 'image.pulled'; now: number }
  | { type: 'image.backoff'; now: number }
  | { type: 'image.retry'; now: number }
  | { type: 'container.created'; now: number; plan: ProcessPlan; containerID: string; configError?: string }
  | { type: 'config.retry'; now: number }
  | { type: 'container.exited'; now: number; index: number }
  | { type: 'container.restart'; now: number; index: number; plan: ProcessPlan; containerID: string; configError?: string }
  | { type: 'container.ready'; now: number; index: number; ready?: boolean }
  | { type: 'container.kill'; now: number; index: number }
  | { type: 'pod.stopped'; now: number };

/** Named delays (virtual ms). */
export const SANDBOX_MS = 700;
export const CREATE_MS = 250;
/** ErrImagePull shows until the pod worker's next sync puts the image into back-off. */
export const PULL_ERROR_VISIBLE_MS = 1500;
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long starts its back-off afresh (2 x max, client-go's GC of entries). */
export const BACKOFF_RESET_MS = 600_000;
/** The pod worker retries a failed sync (CreateContainerConfigError) after this back-off. */
export const CONFIG_RETRY_MS = 10_000;

const cur = (c: PodCtx) => c.containers[c.next]!;

/** Guard params: which container the guard is about, relative to `next` before the transition's actions. */
interface Ahead {
  ahead: 0 | 1;
}

/**
 * A container context with some fields replaced, built with every field present in one fixed
 * order: contexts that took different paths (pulled or present, restarted, killed) then share
 * one hidden class, so guards, podStatus and the kubelet read them monomorphically. (A spread
 * copy `{ ...x, ...patch }` of these ~25-field objects also costs V8 (Node 20) one map
 * transition per added field, several microseconds, and every pod event goes through here.)
 */
function patched(x: ContainerCtx | ContainerSetup, patch: Partial<ContainerCtx>): ContainerCtx {
  const c = x as ContainerCtx;
  const next: ContainerCtx = {
    name: c.name, image: c.image, pull: c.pull, pullMs: c.pullMs, sizeBytes: c.sizeBytes, probed: c.probed, init: c.init,
    state: c.state, reason: c.reason, message: c.message, ready: c.ready, started: c.started, restartCount: c.restartCount,
    containerID: c.containerID, startedAt: c.startedAt, finishedAt: c.finishedAt, exitCode: c.exitCode, last: c.last,
    exitAfterMs: c.exitAfterMs, exitCodePlanned: c.exitCodePlanned, exitReasonPlanned: c.exitReasonPlanned, killCode: c.killCode,
    stopMs: c.stopMs, backoffMs: c.backoffMs, pullBackoffMs: c.pullBackoffMs, pulled: c.pulled,
  };
  return Object.assign(next, patch);
}

function withContainer(c: PodCtx, i: number, patch: Partial<ContainerCtx>): ContainerCtx[] {
  return c.containers.map((x, j) => (j === i ? patched(x, patch) : x));
}

function shouldRestart(policy: PodCtx['restartPolicy'], code: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
}

const podSetup = setup({
  types: { context: {} as PodCtx, events: {} as PodEvent },
  delays: {
    sandboxCreate: () => SANDBOX_MS,
    imagePull: ({ context }) => cur(context).pullMs,
    pullErrorVisible: () => PULL_ERROR_VISIBLE_MS,
    pullBackoff: ({ context }) => cur(context).pullBackoffMs,
    containerCreate: () => CREATE_MS,
    stopContainers: ({ context }) =>
      Math.min(
        context.graceMs,
        Math.max(0, ...context.containers.filter((x) => x.state === 'running').map((x) => (x.stopMs === 'grace' ? context.graceMs : x.stopMs))),
      ),
  },
  guards: {
    // `ahead`: 1 when the transition's own assign moves past the current container (see AHEAD_1).
    allStarted: ({ context }, p: Ahead) => context.next + p.ahead >= context.containers.length,
    needsPull: ({ context }, p: Ahead) => {
      const c = context.containers[context.next + p.ahead]!;
      return (c.pull === 'pull' && !c.pulled) || c.pull === 'fail';
    },
    configError: ({ event }) => !!(event as { configError?: string }).configError,
    isInit: ({ context }) => !!cur(context).init,
    initSucceeded: ({ context, event }) => {
      const c = context.containers[(event as { index: number }).index]!;
      return exitCodeOf(c) === 0;
    },
    initFailedForGood: ({ context, event }) => {
      const c = context.containers[(event as { index: number }).index]!;
      return !shouldRestart(context.restartPolicy, exitCodeOf(c));
    },
    cannotPull: ({ context }, p: Ahead) => {
      const c = context.containers[context.next + p.ahead]!;
      return c.pull === 'never' || c.pull === 'invalid';
    },
    pullFails: ({ context }) => cur(context).pull === 'fail',
    allTerminatedForGood: ({ context }) =>
      context.containers.every((x) => x.state === 'terminated' && !shouldRestart(context.restartPolicy, x.exitCode ?? 0)),
  },
  actions: {
    // Side effects the kubelet performs (Events, logs, API writes); params say what about.
    emitPulling: (_, _p: { index: number }) => {},
    emitPulled: (_, _p: { index: number; durationMs: number }) => {},
    emitAlreadyPresent: (_, _p: { index: number }) => {},
    emitPullFailed: (_, _p: { index: number }) => {},
    emitPullBackOff: (_, _p: { index: number }) => {},
    emitNeverPull: (_, _p: { index: number }) => {},
    emitStarted: (_, _p: { index: number; logs: string[]; restarted: boolean }) => {},
    emitBackOff: (_, _p: { index: number }) => {},
    emitKilling: (_, _p: { indexes: number[] }) => {},
    emitConfigError: (_, _p: { index: number; message: string }) => {},
    emitLivenessKill: (_, _p: { index: number }) => {},
    emitExited: (_, _p: { index: number }) => {},
    removePod: () => {},
  },
});

const exitCodeOf = (c: ContainerCtx) => c.killCode ?? c.exitCodePlanned;
const exitReasonOf = (c: ContainerCtx) =>
  c.killCode === undefined && c.exitReasonPlanned ? c.exitReasonPlanned : exitCodeOf(c) === 0 ? 'Completed' : 'Error';
const stopDelay = (c: PodCtx, x: ContainerCtx) => (x.stopMs === 'grace' ? c.graceMs : Math.min(x.stopMs, c.graceMs));

/** The container is terminated; the back-off starts over after a long healthy run. */
const markExited = podSetup.assign({
  containers: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
    const e = event as Extract<PodEvent, { type: 'container.exited' }>;
    const c = context.containers[e.index]!;
    const code = exitCodeOf(c);
    return withContainer(context, e.index, {
      state: 'terminated', ready: false, started: false, finishedAt: e.now, exitCode: code, reason: exitReasonOf(c),
      ...(e.now - (c.startedAt ?? e.now) >= BACKOFF_RESET_MS ? { backoffMs: 0 } : {}),
    });
  },
});

/** After an exit: restart per policy (the first restart is immediate, then 10s, 20s, ... 5 min). */
const restartAfterExit = [
  podSetup.raise(({ event }: { event: PodEvent }) => ({ type: 'container.restart' as const, now: 0, index: (event as { index: number }).index, plan: { exitCode: 0, logs: [], stopMs: 0 }, containerID: '' }), {
    delay: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
      const c = context.containers[(event as { index: number }).index]!;
      return shouldRestart(context.restartPolicy, c.exitCode ?? 0) ? c.backoffMs : 2 ** 31;
    },
    id: 'container.restart',
  }),
  podSetup.assign({
    containers: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
      const e = event as Extract<PodEvent, { type: 'container.exited' }>;
      const c = context.containers[e.index]!;
      if (!shouldRestart(context.restartPolicy, c.exitCode ?? 0) || c.backoffMs === 0) return context.containers;
      return withContainer(context, e.index, {
        last: { exitCode: c.exitCode ?? 0, reason: c.reason ?? 'Completed', startedAt: c.startedAt ?? e.now, finishedAt: e.now, containerID: c.containerID ?? '' },
        state: 'waiting', reason: 'CrashLoopBackOff', message: `back-off ${c.backoffMs / 1000}s restarting failed container=${c.name}`,
      });
    },
  }),
  { type: 'emitBackOff' as const, params: ({ event }: { event: PodEvent }) => ({ index: (event as { index: number }).index }) },
];

/** The restarted container runs again (or fails its config again). */
const restartHandler = [
  {
    guard: ({ event }: { event: PodEvent }) => !!(event as { configError?: string }).configError,
    actions: [
      podSetup.assign({
        containers: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
          const e = event as Extract<PodEvent, { type: 'container.restart' }>;
          const c = context.containers[e.index]!;
          const last = c.state === 'terminated'
            ? { exitCode: c.exitCode ?? 0, reason: c.reason ?? 'Completed', startedAt: c.startedAt ?? e.now, finishedAt: c.finishedAt ?? e.now, containerID: c.containerID ?? '' }
            : c.last;
          return withContainer(context, e.index, { state: 'waiting', reason: 'CreateContainerConfigError', message: e.configError, ...(last ? { last } : {}) });
        },
      }),
      { type: 'emitConfigError' as const, params: ({ event }: { event: PodEvent }) => ({ index: (event as { index: number }).index, message: (event as { configError: string }).configError }) },
      podSetup.raise(({ event }: { event: PodEvent }) => ({ type: 'container.restart' as const, now: 0, index: (event as { index: number }).index, plan: { exitCode: 0, logs: [], stopMs: 0 }, containerID: '' }), {
        delay: CONFIG_RETRY_MS, id: 'container.restart',
      }),
    ],
  },
  {
    actions: [
      podSetup.assign({
        containers: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
          const e = event as Extract<PodEvent, { type: 'container.restart' }>;
          const c = context.containers[e.index]!;
          const last = c.state === 'terminated'
            ? { exitCode: c.exitCode ?? 0, reason: c.reason ?? 'Completed', startedAt: c.startedAt ?? e.now, finishedAt: c.finishedAt ?? e.now, containerID: c.containerID ?? '' }
            : c.last;
          const wasConfig = c.reason === 'CreateContainerConfigError' && c.state === 'waiting';
          return withContainer(context, e.index, {
            state: 'running', reason: undefined, message: undefined, started: !c.probed, ready: !c.probed,
            restartCount: wasConfig && c.restartCount === 0 && !c.last ? 0 : c.restartCount + 1, startedAt: e.now, containerID: e.containerID, last,
            exitAfterMs: e.plan.exitAfterMs, exitCodePlanned: e.plan.exitCode, exitReasonPlanned: e.plan.exitReason, stopMs: e.plan.stopMs, killCode: undefined,
            backoffMs: c.backoffMs === 0 ? BACKOFF_INITIAL_MS : Math.min(c.backoffMs * 2, BACKOFF_MAX_MS),
          });
        },
      }),
      { type: 'emitStarted' as const, params: ({ event }: { event: PodEvent }) => ({ index: (event as { index: number }).index, logs: (event as Extract<PodEvent, { type: 'container.restart' }>).plan.logs, restarted: true }) },
      podSetup.raise(({ event }: { event: PodEvent }) => ({ type: 'container.exited' as const, now: 0, index: (event as { index: number }).index }), {
        delay: ({ context, event }: { context: PodCtx; event: PodEvent }) => context.containers[(event as { index: number }).index]!.exitAfterMs ?? 2 ** 31,
        id: 'container.exited',
      }),
    ],
  },
];

/** The prober's verdicts: readiness flips Ready; a failed liveness probe kills the container. */
const proberHandlers = {
  'container.ready': {
    actions: podSetup.assign({
      containers: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
        const e = event as Extract<PodEvent, { type: 'container.ready' }>;
        const c = context.containers[e.index]!;
        return withContainer(context, e.index, { ready: c.state === 'running' && (e.ready ?? true), started: c.state === 'running' });
      },
    }),
  },
  'container.kill': {
    guard: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
      const c = context.containers[(event as { index: number }).index]!;
      return c.state === 'running' && c.killCode === undefined;
    },
    actions: [
      podSetup.assign({
        containers: ({ context, event }: { context: PodCtx; event: PodEvent }) => {
          const i = (event as { index: number }).index;
          const c = context.containers[i]!;
          return withContainer(context, i, { killCode: c.stopMs === 'grace' ? 137 : 0, ready: false });
        },
      }),
      { type: 'emitLivenessKill' as const, params: ({ event }: { event: PodEvent }) => ({ index: (event as { index: number }).index }) },
      podSetup.raise(({ event }: { event: PodEvent }) => ({ type: 'container.exited' as const, now: 0, index: (event as { index: number }).index }), {
        delay: ({ context, event }: { context: PodCtx; event: PodEvent }) => stopDelay(context, context.containers[(event as { index: number }).index]!),
        id: 'container.exited',
      }),
    ],
  },
};

type CreatedEvent = Extract<PodEvent, { type: 'container.created' }>;

// The transitions that bring up the next container (or end in Running) branch on what it needs
// straight from the event, not through an eventless hop to Preparing: one microstep instead of
// two for every pod event that starts a container. Guards see the context before the actions;
// `ahead` 1 says the actions move `next` past the current container.
const AHEAD_0: Ahead = { ahead: 0 };
const AHEAD_1: Ahead = { ahead: 1 };

/** After the actions: the already-present image is that of the container now at `next`. */
const alreadyPresent = { type: 'emitAlreadyPresent' as const, params: ({ context }: { context: PodCtx }) => ({ index: context.next }) };

const sandboxReady = [podSetup.assign({ sandboxAt: ({ event }: { event: PodEvent }) => event.now })];

/** The container at `next` started. One assign (each one copies the snapshot): the actions before it still see it at `next`. */
const containerStarted = [
  { type: 'emitStarted' as const, params: ({ context, event }: { context: PodCtx; event: PodEvent }) => ({ index: context.next, logs: (event as CreatedEvent).plan.logs, restarted: false }) },
  podSetup.raise(({ context }: { context: PodCtx }) => ({ type: 'container.exited' as const, now: 0, index: context.next }), {
    delay: ({ event }: { event: PodEvent }) => (event as CreatedEvent).plan.exitAfterMs ?? 2 ** 31,
    id: 'container.exited',
  }),
  podSetup.assign(({ context, event }: { context: PodCtx; event: PodEvent }) => {
    const e = event as CreatedEvent;
    return {
      containers: withContainer(context, context.next, {
        state: 'running', reason: undefined, message: undefined, started: !cur(context).probed,
        ready: !cur(context).probed, startedAt: e.now, containerID: e.containerID,
        exitAfterMs: e.plan.exitAfterMs, exitCodePlanned: e.plan.exitCode, exitReasonPlanned: e.plan.exitReason, stopMs: e.plan.stopMs,
      }),
      next: context.next + 1,
    };
  }),
];

export const podMachine = podSetup.createMachine({
  id: 'pod',
  initial: 'Pending',
  // Every field present from the start: contexts keep one hidden class as assigns fill them in.
  context: { containers: [], next: 0, restartPolicy: 'Always', graceMs: 30_000, admittedAt: undefined, sandboxAt: undefined, terminatingAt: undefined },
  on: {
    'pod.deleted': { target: '.Terminating', actions: assign({ graceMs: ({ event }) => event.graceMs, terminatingAt: ({ event }) => event.now }) },
  },
  states: {
    Pending: {
      on: {
        'pod.sync': {
          target: 'Sandbox',
          actions: assign(({ event }) => ({
            admittedAt: event.now,
            graceMs: event.graceMs ?? 30_000,
            restartPolicy: event.restartPolicy,
            containers: event.containers.map((s) => patched(s, {
              state: 'waiting', reason: event.containers.some((x) => x.init) ? 'PodInitializing' : 'ContainerCreating', ready: false, started: false, restartCount: 0,
              exitCodePlanned: 0, stopMs: 0, backoffMs: 0, pullBackoffMs: BACKOFF_INITIAL_MS, pulled: false,
            })),
          })),
        },
      },
    },
    Sandbox: {
      entry: raise({ type: 'sandbox.ready', now: 0 }, { delay: 'sandboxCreate', id: 'sandbox.ready' }),
      on: {
        'sandbox.ready': [
          { guard: { type: 'allStarted', params: AHEAD_0 }, target: 'Running', actions: sandboxReady },
          { guard: { type: 'cannotPull', params: AHEAD_0 }, target: 'CannotPull', actions: sandboxReady },
          { guard: { type: 'needsPull', params: AHEAD_0 }, target: 'Pulling', actions: sandboxReady },
          { target: 'Creating', actions: [...sandboxReady, alreadyPresent] },
        ],
      },
    },
    // Reached after an init container: what the next container needs.
    Preparing: {
      always: [
        { guard: { type: 'allStarted', params: AHEAD_0 }, target: 'Running' },
        { guard: { type: 'cannotPull', params: AHEAD_0 }, target: 'CannotPull' },
        { guard: { type: 'needsPull', params: AHEAD_0 }, target: 'Pulling' },
        { target: 'Creating', actions: alreadyPresent },
      ],
    },
    Pulling: {
      entry: [
        { type: 'emitPulling', params: ({ context }) => ({ index: context.next }) },
        raise({ type: 'image.pulled', now: 0 }, { delay: 'imagePull', id: 'image.pulled' }),
      ],
      on: {
        'image.pulled': [
          {
            guard: 'pullFails',
            target: 'PullFailed',
            actions: [
              assign({ containers: ({ context }) => withContainer(context, context.next, { reason: 'ErrImagePull' }) }),
              { type: 'emitPullFailed', params: ({ context }) => ({ index: context.next }) },
            ],
          },
          {
            target: 'Creating',
            actions: [
              { type: 'emitPulled', params: ({ context }) => ({ index: context.next, durationMs: cur(context).pullMs }) },
              assign({ containers: ({ context }) => withContainer(context, context.next, { pulled: true, pull: 'present' }) }),
            ],
          },
        ],
      },
    },
    PullFailed: {
      entry: raise({ type: 'image.backoff', now: 0 }, { delay: 'pullErrorVisible', id: 'image.backoff' }),
      on: {
        'image.backoff': {
          target: 'PullBackOff',
          actions: [
            assign({ containers: ({ context }) => withContainer(context, context.next, { reason: 'ImagePullBackOff' }) }),
            { type: 'emitPullBackOff', params: ({ context }) => ({ index: context.next }) },
          ],
        },
      },
    },
    PullBackOff: {
      entry: raise({ type: 'image.retry', now: 0 }, { delay: 'pullBackoff', id: 'image.retry' }),
      on: {
        'image.retry': {
          target: 'Pulling',
          actions: assign({
            containers: ({ context }) =>
              withContainer(context, context.next, { pullBackoffMs: Math.min(cur(context).pullBackoffMs * 2, BACKOFF_MAX_MS) }),
          }),
        },
      },
    },
    CannotPull: {
      entry: [
        assign({
          containers: ({ context }) =>
            withContainer(context, context.next, { reason: cur(context).pull === 'never' ? 'ErrImageNeverPull' : 'InvalidImageName' }),
        }),
        { type: 'emitNeverPull', params: ({ context }) => ({ index: context.next }) },
      ],
    },
    Creating: {
      entry: raise({ type: 'container.created', now: 0, plan: { exitCode: 0, logs: [], stopMs: 0 }, containerID: '' }, { delay: 'containerCreate', id: 'container.created' }),
      on: {
        'container.created': [
          {
            guard: 'configError',
            target: 'ConfigError',
            actions: [
              assign({ containers: ({ context, event }) => withContainer(context, context.next, { state: 'waiting', reason: 'CreateContainerConfigError', message: event.configError }) }),
              { type: 'emitConfigError', params: ({ context, event }) => ({ index: context.next, message: event.configError! }) },
            ],
          },
          {
          guard: 'isInit',
          target: 'Initializing',
          actions: [
            assign({
              containers: ({ context, event }) =>
                withContainer(context, context.next, {
                  state: 'running', reason: undefined, message: undefined, started: false, ready: false, startedAt: event.now, containerID: event.containerID,
                  exitAfterMs: event.plan.exitAfterMs, exitCodePlanned: event.plan.exitCode, exitReasonPlanned: event.plan.exitReason, stopMs: event.plan.stopMs,
                }),
            }),
            { type: 'emitStarted', params: ({ context, event }) => ({ index: context.next, logs: event.plan.logs, restarted: false }) },
            raise(({ context }) => ({ type: 'container.exited' as const, now: 0, index: context.next }), {
              delay: ({ context }) => cur(context).exitAfterMs ?? 2 ** 31,
              id: 'container.exited',
            }),
          ],
          },
          { guard: { type: 'allStarted', params: AHEAD_1 }, target: 'Running', actions: containerStarted },
          { guard: { type: 'cannotPull', params: AHEAD_1 }, target: 'CannotPull', actions: containerStarted },
          { guard: { type: 'needsPull', params: AHEAD_1 }, target: 'Pulling', actions: containerStarted },
          // reenter: Creating's entry (the next container's create timer) runs again.
          { target: 'Creating', reenter: true, actions: [...containerStarted, alreadyPresent] },
        ],
      },
    },
    ConfigError: {
      entry: raise({ type: 'config.retry', now: 0 }, { delay: CONFIG_RETRY_MS, id: 'config.retry' }),
      on: { 'config.retry': { target: 'Creating' } },
    },
    Initializing: {
      on: {
        ...proberHandlers,
        'container.exited': [
          {
            guard: 'initSucceeded',
            target: 'Preparing',
            actions: [
              { type: 'emitExited', params: ({ event }) => ({ index: event.index }) },
              markExited,
              assign({ next: ({ context }) => context.next + 1 }),
            ],
          },
          {
            guard: 'initFailedForGood',
            target: 'InitFailed',
            actions: [{ type: 'emitExited', params: ({ event }) => ({ index: event.index }) }, markExited],
          },
          { actions: [{ type: 'emitExited', params: ({ event }) => ({ index: event.index }) }, markExited, ...restartAfterExit] },
        ],
        'container.restart': restartHandler,
      },
    },
    InitFailed: {},
    Running: {
      always: { guard: 'allTerminatedForGood', target: 'Completed' },
      on: {
        ...proberHandlers,
        'container.exited': { actions: [{ type: 'emitExited', params: ({ event }) => ({ index: event.index }) }, markExited, ...restartAfterExit] },
        'container.restart': restartHandler,
      },
    },
    Completed: {},
    Terminating: {
      entry: [
        { type: 'emitKilling', params: ({ context }) => ({ indexes: context.containers.flatMap((c, i) => (c.state === 'running' ? [i] : [])) }) },
        raise({ type: 'pod.stopped', now: 0 }, { delay: 'stopContainers', id: 'pod.stopped' }),
      ],
      on: {
        'pod.deleted': { actions: assign({ graceMs: ({ context, event }) => Math.min(context.graceMs, event.graceMs) }) },
        'pod.stopped': {
          target: 'Terminated',
          actions: assign({
            containers: ({ context, event }) =>
              context.containers.map((c) =>
                c.state === 'running'
                  ? patched(c, { state: 'terminated', ready: false, started: false, finishedAt: event.now,
                      exitCode: c.stopMs === 'grace' && c.stopMs !== undefined ? 137 : 0, reason: c.stopMs === 'grace' ? 'Error' : 'Completed' })
                  : c,
              ),
          }),
        },
      },
    },
    Terminated: { entry: 'removePod', on: { 'pod.deleted': {} } },
  },
});

/** Delays of 2^31 ms mean "never": the kubelet does not schedule them. */
export const NEVER_MS = 2 ** 31;
