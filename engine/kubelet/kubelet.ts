// The kubelet of one node (pkg/kubelet): watches the pods bound to its node and runs each
// through the pod machine (pod.machine.ts) with the pure transition function. The machine's
// snapshot is the sim record `kubelet/pod/<uid>`; its delayed raises become clock timers keyed
// `<ns>/<name>#<id>`; its named actions become Events, log records and API writes here.
// It also renews the node's Lease in kube-node-lease every 10 s (a background timer).
import { initialTransition, transition } from 'xstate';
import type { Node, Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { imageDigest, lookupImage, parseImageRef, preloadedImages, pullDurationMs, pullErrorMessage, goDuration } from '../containers/images.ts';
import { keyOf, splitKey, type Controller, type ReconcileContext, type Result } from '../controllers/controller.ts';
import { NODE_INDEX } from '../controllers/listers.ts';
import { podDesc } from '../controllers/pod-util.ts';
import type { Engine } from '../engine.ts';
import { quantityValue } from '../scheduler/resources.ts';
import { rfc3339Micro } from '../time/clock.ts';
import { allocateIP, releaseIP } from './ipam.ts';
import { NEVER_MS, podMachine, type ContainerSetup, type PodCtx, type PodEvent, type PullMode } from './pod.machine.ts';
import { podStatus } from './pod-status.ts';
import { planProcess, type ProcessPlan } from './process.ts';

export const COMPONENT = 'kubelet';
export const LEASE_NAMESPACE = 'kube-node-lease';
export const LEASE_RENEW_MS = 10_000;
export const LEASE_DURATION_SECONDS = 40;
/** Container exits further away than this do not keep settle() busy (a `sleep 3600` is not "work"). */
const BACKGROUND_AFTER_MS = 60_000;

/**
 * The kubelet notices container changes on PLEG relists, not the instant they happen; aligning
 * pod timers to a 100 ms grid models that and lets a thousand pods starting together be
 * handled in a few batches (one ReplicaSet sync per batch instead of per pod).
 */
export const PLEG_GRID_MS = 100;

function plegAligned(now: number, delay: number): number {
  return Math.ceil((now + delay) / PLEG_GRID_MS) * PLEG_GRID_MS - now;
}

export interface PodRecord {
  value: unknown;
  context: PodCtx;
  key: string;
  podIP?: string;
  /** Timer ids currently scheduled (so a removed pod leaves no timer behind). */
  timers: string[];
}

/** JSON of the status we last wrote, by stored object (frozen, so identity is a version). */
const written = new WeakMap<object, string>();

export const podRecordKey = (uid: string) => `kubelet/pod/${uid}`;
export const logKey = (uid: string, container: string) => `logs/${uid}/${container}`;
export const previousLogKey = (uid: string, container: string) => `logs/${uid}/${container}/previous`;
const imagesKey = (node: string) => `kubelet/images/${node}`;

function hex64(seed: string): string {
  return imageDigest(seed).slice('sha256:'.length);
}

export function createKubelet(engine: Engine, nodeName: string): Controller {
  const store = engine.store;
  const name = `kubelet/${nodeName}`;
  const source = { component: COMPONENT, host: nodeName };

  function nodeObj(cx: ReconcileContext): Node | undefined {
    return cx.api.tryGet<Node>('nodes', undefined, nodeName);
  }

  function hostIP(node: Node | undefined): string {
    return node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  }

  function nodeImages(): Set<string> {
    return new Set(store.getRecord<string[]>(imagesKey(nodeName)) ?? preloadedImages());
  }

  function addImage(normalized: string): void {
    const imgs = nodeImages();
    if (imgs.has(normalized)) return;
    imgs.add(normalized);
    store.setRecord(imagesKey(nodeName), [...imgs].sort());
  }

  function setups(pod: Pod, cx: ReconcileContext): ContainerSetup[] {
    const imgs = nodeImages();
    return pod.spec.containers.map((c) => {
      const image = c.image ?? '';
      const ref = parseImageRef(image);
      const info = ref && lookupImage(ref);
      const present = !!ref && imgs.has(ref.normalized);
      const policy = c.imagePullPolicy ?? (ref && ref.tag === 'latest' && !ref.digest ? 'Always' : 'IfNotPresent');
      let pull: PullMode;
      if (!ref) pull = 'invalid';
      else if (policy === 'Never') pull = present ? 'present' : 'never';
      else if (policy === 'IfNotPresent' && present) pull = 'present';
      else pull = info ? 'pull' : 'fail';
      const base = info ? (present ? 350 : pullDurationMs(info)) : 900;
      const pullMs = Math.round(base * (0.85 + 0.3 * cx.rng.next()));
      const probe = c.readinessProbe;
      const readyAfterMs = probe ? (probe.initialDelaySeconds ?? 0) * 1000 + 500 : 0;
      return { name: c.name, image, pull, pullMs, sizeBytes: info?.sizeBytes ?? 0, readyAfterMs };
    });
  }

  function plan(pod: Pod, rec: PodRecord, index: number, cx: ReconcileContext): { plan: ProcessPlan; containerID: string } {
    const spec = pod.spec.containers[index]!;
    const ref = parseImageRef(spec.image ?? '');
    const info = ref ? lookupImage(ref) : undefined;
    const node = nodeObj(cx);
    const cpus = Math.max(1, Math.round(quantityValue(node?.status?.allocatable?.['cpu'] ?? '1')));
    const p = planProcess(spec, info, { now: cx.clock.now(), cpus, podName: pod.metadata.name!, podIP: rec.podIP ?? '' });
    const restarts = rec.context.containers[index]?.restartCount ?? 0;
    return { plan: p, containerID: `containerd://${hex64(`${pod.metadata.uid}/${spec.name}/${restarts}`)}` };
  }

  /** Timer ids encode the event: `container.exited:0` -> {type: 'container.exited', index: 0}. */
  function decode(id: string, pod: Pod, rec: PodRecord, cx: ReconcileContext): PodEvent {
    const [type, idx] = id.split(':');
    const now = cx.clock.now();
    const index = idx === undefined ? rec.context.next : Number(idx);
    if (type === 'container.created' || type === 'container.restart') return { type, now, index, ...plan(pod, rec, index, cx) } as PodEvent;
    return (idx === undefined ? { type, now } : { type, now, index }) as PodEvent;
  }

  function step(pod: Pod, rec: PodRecord | undefined, event: PodEvent, cx: ReconcileContext): void {
    const key = keyOf(pod);
    const snap = rec ? podMachine.resolveState({ value: rec.value as never, context: rec.context }) : initialTransition(podMachine)[0];
    const [next, actions] = transition(podMachine, snap, event);
    const r: PodRecord = { value: next.value, context: next.context, key, timers: rec ? [...rec.timers] : [], ...(rec?.podIP ? { podIP: rec.podIP } : {}) };
    if (r.context.sandboxAt !== undefined && !r.podIP) {
      r.podIP = pod.spec.hostNetwork ? hostIP(nodeObj(cx)) : allocateIP(store, nodeName, nodeObj(cx)?.spec.podCIDR, pod.metadata.uid!);
    }
    let remove = false;
    for (const a of actions) {
      const params = (a as { params?: Record<string, unknown> }).params ?? {};
      switch (a.type as string) {
        case 'xstate.raise': {
          const delay = params['delay'] as number | undefined;
          // Per-container events share a static id; the index makes the timer unique.
          const ev = params['event'] as { index?: number };
          const id = ev.index !== undefined ? `${params['id'] as string}:${ev.index}` : (params['id'] as string);
          if (delay === undefined || delay >= NEVER_MS) break;
          if (r.timers.includes(id)) cx.cancel(`${key}#${id}`);
          else r.timers.push(id);
          cx.schedule(plegAligned(cx.clock.now(), delay), `${key}#${id}`, undefined, id.startsWith('container.exited') && delay > BACKGROUND_AFTER_MS);
          break;
        }
        case 'xstate.cancel': {
          const id = params['sendId'] as string;
          cx.cancel(`${key}#${id}`);
          r.timers = r.timers.filter((t) => t !== id);
          break;
        }
        case 'emitKilling':
          for (const id of r.timers) cx.cancel(`${key}#${id}`);
          r.timers = [];
          for (const i of params['indexes'] as number[]) containerEvent(pod, i, 'Normal', 'Killing', `Stopping container ${pod.spec.containers[i]!.name}`, cx);
          break;
        case 'removePod':
          remove = true;
          break;
        default:
          effect(pod, r, a.type, params, cx);
      }
    }
    store.setRecord(podRecordKey(pod.metadata.uid!), r);
    writeStatus(pod, r, String(next.value), cx);
    if (remove) {
      for (const id of r.timers) cx.cancel(`${key}#${id}`);
      cx.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, uid: pod.metadata.uid! });
    }
  }

  function containerEvent(pod: Pod, i: number, type: 'Normal' | 'Warning', reason: string, message: string, cx: ReconcileContext): void {
    cx.events.record(pod, source, type, reason, message, `spec.containers{${pod.spec.containers[i]!.name}}`);
  }

  function effect(pod: Pod, r: PodRecord, action: string, p: Record<string, unknown>, cx: ReconcileContext): void {
    const i = p['index'] as number;
    const c = r.context.containers[i]!;
    const image = c.image;
    switch (action) {
      case 'emitPulling':
        containerEvent(pod, i, 'Normal', 'Pulling', `Pulling image "${image}"`, cx);
        break;
      case 'emitPulled': {
        const ref = parseImageRef(image);
        if (ref) addImage(ref.normalized);
        const d = goDuration(p['durationMs'] as number);
        containerEvent(pod, i, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${c.sizeBytes} bytes.`, cx);
        break;
      }
      case 'emitAlreadyPresent':
        containerEvent(pod, i, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, cx);
        break;
      case 'emitPullFailed': {
        const ref = parseImageRef(image)!;
        containerEvent(pod, i, 'Warning', 'Failed', `Failed to pull image "${image}": ${pullErrorMessage(ref)}`, cx);
        containerEvent(pod, i, 'Warning', 'Failed', 'Error: ErrImagePull', cx);
        break;
      }
      case 'emitPullBackOff':
        containerEvent(pod, i, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, cx);
        containerEvent(pod, i, 'Warning', 'Failed', 'Error: ImagePullBackOff', cx);
        break;
      case 'emitNeverPull':
        if (c.pull === 'never') {
          containerEvent(pod, i, 'Warning', 'ErrImageNeverPull', `Container image "${image}" is not present with pull policy of Never`, cx);
          containerEvent(pod, i, 'Warning', 'Failed', 'Error: ErrImageNeverPull', cx);
        } else {
          containerEvent(pod, i, 'Warning', 'InspectFailed', `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`, cx);
          containerEvent(pod, i, 'Warning', 'Failed', 'Error: InvalidImageName', cx);
        }
        break;
      case 'emitStarted': {
        const uid = pod.metadata.uid!;
        if (p['restarted']) {
          containerEvent(pod, i, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, cx);
          const prev = store.getRecord<string>(logKey(uid, c.name));
          if (prev !== undefined) store.setRecord(previousLogKey(uid, c.name), prev);
        }
        containerEvent(pod, i, 'Normal', 'Created', `Created container ${c.name}`, cx);
        containerEvent(pod, i, 'Normal', 'Started', `Started container ${c.name}`, cx);
        const lines = p['logs'] as string[];
        store.setRecord(logKey(uid, c.name), lines.map((l) => `${l}\n`).join(''));
        break;
      }
      case 'emitBackOff':
        if (c.state === 'waiting' && c.reason === 'CrashLoopBackOff')
          containerEvent(pod, i, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podDesc(pod)}`, cx);
        break;
    }
  }

  function writeStatus(pod: Pod, r: PodRecord, state: string, cx: ReconcileContext): void {
    const current = cx.api.tryGet<Pod>('pods', pod.metadata.namespace, pod.metadata.name!);
    if (!current || current.metadata.uid !== pod.metadata.uid) return;
    const status = podStatus({ pod: current, ctx: r.context, state, hostIP: hostIP(nodeObj(cx)), ...(r.podIP ? { podIP: r.podIP } : {}), now: cx.clock.now() });
    const json = JSON.stringify(status);
    if (json === (written.get(current) ?? JSON.stringify(current.status ?? {}))) return;
    const next = { ...current, status } as KubeObject;
    written.set(cx.api.updateStatus('pods', next).object, json);
  }

  function syncPod(key: string, cx: ReconcileContext): Result {
    const { namespace, name: podName } = splitKey(key);
    const pod = cx.api.tryGet<Pod>('pods', namespace, podName);
    if (!pod || pod.spec.nodeName !== nodeName) return;
    const rec = store.getRecord<PodRecord>(podRecordKey(pod.metadata.uid!));
    if (pod.metadata.deletionTimestamp) {
      if (!rec) {
        cx.api.delete('pods', namespace, podName, { gracePeriodSeconds: 0, uid: pod.metadata.uid! });
        return;
      }
      const state = String(rec.value);
      if (state === 'Terminating' || state === 'Terminated') return;
      step(pod, rec, { type: 'pod.deleted', now: cx.clock.now(), graceMs: (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000 }, cx);
      return;
    }
    if (!rec) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
      step(pod, undefined, { type: 'pod.sync', now: cx.clock.now(), containers: setups(pod, cx), restartPolicy: pod.spec.restartPolicy ?? 'Always' }, cx);
    }
  }

  function onTimerKey(key: string, cx: ReconcileContext): Result {
    const hash = key.indexOf('#');
    const podKey = key.slice(0, hash);
    const id = key.slice(hash + 1);
    const { namespace, name: podName } = splitKey(podKey);
    const pod = cx.api.tryGet<Pod>('pods', namespace, podName);
    if (!pod || pod.spec.nodeName !== nodeName) return;
    const rec = store.getRecord<PodRecord>(podRecordKey(pod.metadata.uid!));
    if (!rec || !rec.timers.includes(id)) return;
    rec.timers = rec.timers.filter((t) => t !== id);
    step(pod, rec, decode(id, pod, rec, cx), cx);
  }

  function forget(uid: string, cx: ReconcileContext): void {
    const rec = store.getRecord<PodRecord>(podRecordKey(uid));
    if (rec) for (const id of rec.timers) cx.cancel(`${rec.key}#${id}`);
    store.deleteRecord(podRecordKey(uid));
    releaseIP(store, nodeName, uid);
    for (const [k] of store.recordsWithPrefix(`logs/${uid}/`)) store.deleteRecord(k);
  }

  function renewLease(cx: ReconcileContext): void {
    cx.cancel('lease');
    cx.schedule(LEASE_RENEW_MS, 'lease', undefined, true);
    const now = rfc3339Micro(cx.clock.now());
    const lease = cx.api.tryGet('leases.coordination.k8s.io', LEASE_NAMESPACE, nodeName);
    if (lease) {
      const next = structuredClone(lease);
      (next['spec'] as Record<string, unknown>)['renewTime'] = now;
      cx.api.update('leases.coordination.k8s.io', next);
      return;
    }
    const node = nodeObj(cx);
    if (!node) return;
    cx.api.create('leases.coordination.k8s.io', LEASE_NAMESPACE, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: nodeName,
        namespace: LEASE_NAMESPACE,
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid! }],
      },
      spec: { holderIdentity: nodeName, leaseDurationSeconds: LEASE_DURATION_SECONDS, renewTime: now },
    });
  }

  return {
    name,
    watches: [
      {
        resource: 'pods',
        map: (o, old) => {
          const pod = o as Pod;
          if (pod.spec?.nodeName !== nodeName) return [];
          const present = store.get('pods', o.metadata.namespace, o.metadata.name!)?.metadata.uid === o.metadata.uid;
          if (!present) return [`gone/${o.metadata.uid}`];
          const was = old as Pod | undefined;
          // Our own status writes need no reaction; binding and deletion do.
          if (was && was.spec?.nodeName === nodeName && was.metadata.deletionTimestamp === o.metadata.deletionTimestamp &&
            was.metadata.deletionGracePeriodSeconds === o.metadata.deletionGracePeriodSeconds) return [];
          return [keyOf(o)];
        },
      },
    ],
    resync: () => ['lease', ...store.byIndex('pods', NODE_INDEX, nodeName).map(keyOf).sort()],
    reconcile: (key, cx) => {
      if (key === 'lease') return renewLease(cx);
      if (key.startsWith('gone/')) return forget(key.slice('gone/'.length), cx);
      if (key.includes('#')) return onTimerKey(key, cx);
      return syncPod(key, cx);
    },
  };
}

