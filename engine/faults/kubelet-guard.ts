// Node faults seen from the kubelet's side, without touching the kubelet: every controller of a
// node's `kubelet/<node>` process is wrapped so that
//  - node partition: reads still come from its (stale) informer cache, but every write to the
//    API server times out and events are dropped; the containers keep running on the node;
//  - container runtime stopped: new pods fail at sandbox creation (FailedCreatePodSandBox, the
//    pod stays ContainerCreating), nothing can be killed (deleted pods stay Terminating) and
//    container timers (restarts, exits, probes) are held until containerd is back.
// Held keys are kept in a record and handed back to the kubelet when the fault clears.
import type { Node, Pod } from '../api/core-v1.ts';
import type { ApiStatus } from '../api/meta.ts';
import { ApiServer } from '../apiserver/apiserver.ts';
import { ApiError } from '../apiserver/status.ts';
import { splitKey, type Controller, type ReconcileContext, type Result } from '../controllers/controller.ts';
import type { EventRecorder } from '../controllers/events.ts';
import type { Engine } from '../engine.ts';
import { podRecordKey } from '../kubelet/kubelet.ts';
import type { PodCtx } from '../kubelet/pod.machine.ts';
import { podStatus } from '../kubelet/pod-status.ts';
import type { Store } from '../store/store.ts';
import { activeFaults, nodeFaults } from './active.ts';

export const PARTITION = 'node-partition';
export const RUNTIME_DOWN = 'container-runtime-stopped';

export const SANDBOX_FAILED_MESSAGE =
  'Failed to create pod sandbox: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"';

const heldKey = (node: string) => `faults/held/${node}`;
const sandboxTriedKey = (uid: string) => `faults/sandbox-tried/${uid}`;

/** What a partitioned kubelet's client gets for every write. */
export function apiTimeout(nodeIP: string): ApiError {
  const status: ApiStatus = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 0, reason: '',
    message: `dial tcp ${nodeIP}:6443: i/o timeout`,
  };
  return new ApiError(status);
}

const WRITES = new Set(['create', 'update', 'updateStatus', 'patch', 'delete', 'bind', 'evict']);

function partitioned(cx: ReconcileContext): ReconcileContext {
  const api = new Proxy(cx.api, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && WRITES.has(prop)) return () => { throw apiTimeout('172.18.0.2'); };
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }) as ApiServer;
  const events = { record: () => undefined } as unknown as EventRecorder;
  return { ...cx, api, events };
}

function hold(store: Store, node: string, key: string): Result {
  const held = store.getRecord<string[]>(heldKey(node)) ?? [];
  if (!held.includes(key)) store.setRecord(heldKey(node), [...held, key]);
}

/** Gives the kubelet back what it could not do while the runtime was down or the node cut off. */
export function releaseHeld(engine: Engine, node: string): void {
  const held = engine.store.getRecord<string[]>(heldKey(node)) ?? [];
  engine.store.deleteRecord(heldKey(node));
  for (const key of held) engine.clock.schedule(0, { owner: `kubelet/${node}`, key });
  for (const [k] of engine.store.recordsWithPrefix('faults/sandbox-tried/')) engine.store.deleteRecord(k);
}

/** The status a kubelet writes for a pod whose sandbox it cannot create: ContainerCreating. */
function creatingStatus(pod: Pod, hostIP: string, now: number): Pod['status'] {
  const all = [...(pod.spec.initContainers ?? []).map((c) => ({ c, init: true })), ...pod.spec.containers.map((c) => ({ c, init: false }))];
  const ctx: PodCtx = {
    containers: all.map(({ c, init }, i) => ({
      name: c.name, image: c.image ?? '', pull: 'present', pullMs: 0, sizeBytes: 0, probed: false, ...(init ? { init } : {}),
      state: 'waiting', reason: init || i === 0 || !all.some((x) => x.init) ? (init ? 'PodInitializing' : 'ContainerCreating') : 'PodInitializing',
      ready: false, started: false, restartCount: 0, exitCodePlanned: 0, stopMs: 0, backoffMs: 0, pullBackoffMs: 0, pulled: false,
    })),
    next: 0, restartPolicy: pod.spec.restartPolicy ?? 'Always', admittedAt: now, graceMs: 30_000,
  };
  return podStatus({ pod, ctx, state: 'Pending', hostIP, now });
}

function runtimeDown(node: string, key: string, cx: ReconcileContext, writer: ReconcileContext): Result | 'pass' {
  if (key === 'lease' || key.startsWith('gone/')) return 'pass';
  if (key.includes('#')) return hold(cx.store, node, key);
  const { namespace, name } = splitKey(key);
  const pod = cx.api.tryGet<Pod>('pods', namespace, name);
  if (!pod || pod.spec.nodeName !== node) return 'pass';
  const rec = cx.store.getRecord(podRecordKey(pod.metadata.uid!));
  if (rec && !pod.metadata.deletionTimestamp) return 'pass';
  // Nothing can be created or killed without containerd: retry when it is back.
  hold(cx.store, node, key);
  if (rec || pod.metadata.deletionTimestamp || cx.store.getRecord(sandboxTriedKey(pod.metadata.uid!))) return;
  cx.store.setRecord(sandboxTriedKey(pod.metadata.uid!), true);
  const ip = cx.api.tryGet<Node>('nodes', undefined, node)?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  writer.events.record(pod, { component: 'kubelet', host: node }, 'Warning', 'FailedCreatePodSandBox', SANDBOX_FAILED_MESSAGE);
  writer.api.updateStatus('pods', { ...pod, status: creatingStatus(pod, ip, cx.clock.now()) });
}

/** Wraps one controller of a node's kubelet process with the node's faults. */
export function guardKubelet(node: string, inner: Controller): Controller {
  const isKubelet = inner.name === `kubelet/${node}`;
  return {
    name: inner.name,
    watches: inner.watches,
    ...(inner.resync ? { resync: (cx: ReconcileContext) => inner.resync!(cx) } : {}),
    ...(inner.onTimer ? { onTimer: inner.onTimer.bind(inner) } : {}),
    reconcile(key, cx) {
      // No fault anywhere (the usual case): straight through, without building the node's set.
      if (!activeFaults(cx.store).length) return inner.reconcile(key, cx);
      const faults = nodeFaults(cx.store, node);
      if (!faults.size) return inner.reconcile(key, cx);
      const cut = faults.has(PARTITION) ? partitioned(cx) : cx;
      if (isKubelet && faults.has(RUNTIME_DOWN)) {
        const r = runtimeDown(node, key, cx, cut);
        if (r !== 'pass') return r;
      }
      return inner.reconcile(key, cut);
    },
  };
}
