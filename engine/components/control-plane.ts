// Starting and stopping component processes (`sim component stop|start ...`, `sim node
// stop|start`). Each component's lifecycle machine snapshot is the sim record
// `component-machine/<name>`; its phase drives Engine.setComponentPhase (stopped components
// reconcile nothing; restarted ones relist). With kube-apiserver down every API verb fails as
// kubectl's connection is refused; with etcd down the API server answers with etcd's error.
import { initialTransition, transition } from 'xstate';
import type { ApiStatus } from '../api/meta.ts';
import { ApiError } from '../apiserver/status.ts';
import type { Controller } from '../controllers/controller.ts';
import type { ComponentPhase } from '../engine-api.ts';
import type { Engine } from '../engine.ts';
import { reconcileMirrorPods } from './mirror-pods.ts';
import { componentMachine, type ComponentCtx, type ComponentEvent } from './component.machine.ts';

export type ControlPlaneComponent = 'etcd' | 'kube-apiserver' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager';

export const CONTROL_PLANE: readonly ControlPlaneComponent[] = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'cloud-controller-manager'];

/** What kubectl prints when nothing listens on the API server's port. */
export const CONNECTION_REFUSED_MESSAGE = 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?';
/** Status.details.causes[0].reason marking a refused connection (not an HTTP answer). */
export const CONNECTION_REFUSED_REASON = 'ConnectionRefused';
export const ETCD_UNAVAILABLE_MESSAGE = 'etcdserver: request timed out';

/** Virtual time from process start to serving. */
const STARTUP_MS: Record<string, number> = {
  etcd: 2000,
  'kube-apiserver': 6000,
  'kube-controller-manager': 3000,
  'kube-scheduler': 2000,
  'cloud-controller-manager': 2000,
  kubelet: 2500,
  'kube-proxy': 1500,
};

function startupFor(name: string): number {
  return STARTUP_MS[name] ?? STARTUP_MS[name.split('/')[0]!] ?? 2000;
}

/**
 * The error every verb throws while kube-apiserver is down. kubectl prints only its message
 * (no "Error from server" prefix): test with isConnectionRefused(err).
 */
export function connectionRefused(): ApiError {
  const status: ApiStatus = {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: CONNECTION_REFUSED_MESSAGE, reason: '', code: 0,
    details: { causes: [{ reason: CONNECTION_REFUSED_REASON, message: CONNECTION_REFUSED_MESSAGE }] },
  };
  return new ApiError(status);
}

export function isConnectionRefused(err: unknown): boolean {
  return err instanceof ApiError && err.status.code === 0 && err.status.details?.causes?.[0]?.reason === CONNECTION_REFUSED_REASON;
}

/** etcd down: the API server answers 500 with etcd's error (kubectl: `Error from server: etcdserver: request timed out`). */
export function etcdUnavailable(): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: ETCD_UNAVAILABLE_MESSAGE, reason: '', code: 500 });
}

interface MachineRecord {
  value: string;
  context: ComponentCtx;
}

const recordKey = (name: string) => `component-machine/${name}`;
const supervisorName = (name: string) => `lifecycle/${name}`;

/** Wires API availability to the etcd and kube-apiserver phases. */
export function installAvailability(engine: Engine): void {
  engine.api.availability = () => {
    if (!engine.isRunning('kube-apiserver')) return connectionRefused();
    if (!engine.isRunning('etcd')) return etcdUnavailable();
    return undefined;
  };
}

/** Hosts the lifecycle supervisor of a component (it owns the startup timer) and marks it Running. */
export function registerComponent(engine: Engine, name: string): void {
  if (engine.controllers().some((c) => c.name === supervisorName(name))) return;
  const supervisor: Controller = {
    name: supervisorName(name),
    watches: [],
    resync: () => [],
    reconcile: () => undefined,
    // Timers reach onTimer even while the component is down: that is how it comes back up.
    onTimer: (t) => {
      if (t.event === 'component.ready') send(engine, name, { type: 'component.ready' });
    },
  };
  engine.host(supervisor, name);
}

function send(engine: Engine, name: string, event: ComponentEvent): void {
  const rec = engine.store.getRecord<MachineRecord>(recordKey(name));
  const snap = rec
    ? componentMachine.resolveState({ value: rec.value as never, context: rec.context })
    : initialTransition(componentMachine, { startupMs: startupFor(name) })[0];
  const [next, actions] = transition(componentMachine, snap, event);
  engine.store.setRecord(recordKey(name), { value: String(next.value), context: next.context });
  for (const a of actions) {
    const params = (a as { params?: { delay?: number; id?: string } }).params;
    if (a.type === 'xstate.raise' && params?.delay !== undefined)
      engine.clock.schedule(params.delay, { owner: supervisorName(name), key: name, event: params.id! });
  }
  const phase = String(next.value) as ComponentPhase;
  if (engine.componentPhase(name) === phase) return;
  engine.setComponentPhase(name, phase);
  if (!name.includes('/')) reconcileMirrorPods(engine, event.type === 'component.crash' ? name : undefined);
  // Components reconnecting to a restarted API server relist (informers re-list on reconnect).
  if ((name === 'kube-apiserver' || name === 'etcd') && engine.isRunning('kube-apiserver') && engine.isRunning('etcd'))
    for (const [c] of engine.componentPhases()) engine.resyncComponent(c);
}

/** `sim component stop|start <name>`; `crash` is the process dying (a fault: it crash-loops until started). */
export function setComponent(engine: Engine, name: ControlPlaneComponent, action: 'stop' | 'start' | 'crash'): void {
  registerComponent(engine, name);
  send(engine, name, { type: action === 'stop' ? 'component.stop' : action === 'crash' ? 'component.crash' : 'component.start' });
}

/** Lifecycle of per-node processes (`kubelet/<node>`, `kube-proxy/<node>`). */
export function setNodeComponent(engine: Engine, name: string, action: 'stop' | 'start'): void {
  registerComponent(engine, name);
  send(engine, name, { type: action === 'stop' ? 'component.stop' : 'component.start' });
}

/** Short names a learner types (`apiserver`, `scheduler`, `controller-manager`) to component names. */
export function resolveComponentName(typed: string): ControlPlaneComponent | undefined {
  const t = typed.replace(/^kube-/, '');
  return CONTROL_PLANE.find((c) => c === typed || c.replace(/^kube-/, '') === t);
}
