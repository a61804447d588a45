// The kube-system mirror pods of the control-plane static pods follow their component, as on a
// kind node: stopping a component is moving its manifest out of /etc/kubernetes/manifests (the
// kubelet kills the container and deletes the mirror pod); starting it moves the manifest back
// (a new mirror pod appears and starts); a crash leaves the pod Running with its container in
// CrashLoopBackOff (last state Error, exit code 1, one more restart) until it starts cleanly.
// etcd and kube-apiserver changes cannot reach the API while it is down; the pods catch up
// when it answers again.
import type { Pod } from '../api/core-v1.ts';
import { ApiError } from '../apiserver/status.ts';
import { podDesc } from '../controllers/pod-util.ts';
import type { ComponentPhase } from '../engine-api.ts';
import type { Engine } from '../engine.ts';
import { rfc3339, rfc3339Micro } from '../time/clock.ts';

/** Components that run as static pods on the control-plane node (kind has no cloud-controller-manager pod). */
export const STATIC_COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

const savedKey = (component: string) => `components/manifest/${component}`;

function mirrorOf(engine: Engine, component: string): Pod | undefined {
  return (engine.store.list('pods', 'kube-system') as Pod[]).find(
    (p) => p.metadata.labels?.['component'] === component && p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined,
  );
}

function tryApi(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
  }
}

/** Brings every control-plane mirror pod in line with its component's phase (when the API answers). */
export function reconcileMirrorPods(engine: Engine, crashedNow?: string): void {
  for (const c of STATIC_COMPONENTS) reconcileOne(engine, c, engine.componentPhase(c), c === crashedNow);
}

function reconcileOne(engine: Engine, component: string, phase: ComponentPhase, crashedNow: boolean): void {
  const api = engine.api;
  const pod = mirrorOf(engine, component);
  if (phase === 'Stopped') {
    if (!pod || pod.metadata.deletionTimestamp) return;
    engine.store.setRecord(savedKey(component), pod);
    tryApi(() => api.delete('pods', 'kube-system', pod.metadata.name!, { uid: pod.metadata.uid! }));
    return;
  }
  if (!pod) {
    const saved = engine.store.getRecord<Pod>(savedKey(component));
    if (!saved) return;
    const seen = rfc3339Micro(engine.clock.now()).replace('Z', '000000Z').replace(/(\.\d{9})\d*Z$/, '$1Z');
    const fresh: Pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: saved.metadata.name!, namespace: 'kube-system', labels: { ...saved.metadata.labels },
        annotations: { ...saved.metadata.annotations, 'kubernetes.io/config.seen': seen },
        ...(saved.metadata.ownerReferences ? { ownerReferences: saved.metadata.ownerReferences } : {}),
      },
      spec: structuredClone(saved.spec) as Pod['spec'],
    };
    tryApi(() => {
      api.create('pods', 'kube-system', fresh);
      engine.store.deleteRecord(savedKey(component));
    });
    return;
  }
  if (crashedNow && phase === 'Crashed') tryApi(() => api.updateStatus('pods', crashLoop(pod, engine.clock.now())));
  else if (phase !== 'Crashed' && pod.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff')
    tryApi(() => api.updateStatus('pods', restarted(pod, engine.clock.now())));
}

function crashLoop(pod: Pod, nowMs: number): Pod {
  const now = rfc3339(nowMs);
  const next = structuredClone(pod);
  const s = next.status!;
  s.containerStatuses = (s.containerStatuses ?? []).map((c) => ({
    ...c,
    ready: false,
    started: false,
    restartCount: c.restartCount + 1,
    lastState: { terminated: { containerID: c.containerID ?? '', exitCode: 1, finishedAt: now, reason: 'Error', startedAt: c.state?.running?.startedAt ?? now } },
    state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 10s restarting failed container=${c.name} pod=${podDesc(pod)}` } },
  }));
  s.conditions = (s.conditions ?? []).map((c) =>
    c.type === 'Ready' || c.type === 'ContainersReady'
      ? { ...c, status: 'False' as const, reason: 'ContainersNotReady', message: `containers with unready status: [${pod.spec.containers.map((x) => x.name).join(' ')}]`, lastTransitionTime: now }
      : c);
  return next;
}

function restarted(pod: Pod, nowMs: number): Pod {
  const now = rfc3339(nowMs);
  const next = structuredClone(pod);
  const s = next.status!;
  s.containerStatuses = (s.containerStatuses ?? []).map((c) => ({ ...c, ready: true, started: true, state: { running: { startedAt: now } } }));
  s.conditions = (s.conditions ?? []).map((c) => {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    const { reason: _r, message: _m, ...rest } = c;
    return { ...rest, status: 'True' as const, lastTransitionTime: now };
  });
  return next;
}
