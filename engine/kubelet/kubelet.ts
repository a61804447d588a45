// The kubelet of one node (pkg/kubelet): watches the pods bound to its node and runs each
// through the pod machine (pod.machine.ts) with the pure transition function. The machine's
// snapshot is the sim record `kubelet/pod/<uid>`; its delayed raises become clock timers keyed
// `<ns>/<name>#<id>`; its named actions become Events, log records and API writes here.
// Probes run as per-container timers `probe.<kind>:<i>` (prober.ts); script processes run in
// the virtual-process interpreter (processes.ts). It also renews the node's Lease in
// kube-node-lease every 10 s (a background timer).
import type { Container, Node, Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { deepEqual } from '../api/deep-equal.ts';
import { imageDigest, lookupImage, parseImageRef, preloadedImages, pullDurationMs, pullErrorMessage, goDuration } from '../containers/images.ts';
import { keyOf, splitKey, type Controller, type ReconcileContext, type Result } from '../controllers/controller.ts';
import { NODE_INDEX } from '../controllers/listers.ts';
import { podDesc } from '../controllers/pod-util.ts';
import type { Engine } from '../engine.ts';
import { quantityValue } from '../scheduler/resources.ts';
import { rfc3339Micro } from '../time/clock.ts';
import { allocateIP, releaseIP } from './ipam.ts';
import { NEVER_MS, type ContainerSetup, type PodCtx, type PodEvent, type PullMode } from './pod.machine.ts';
import { podStatus } from './pod-status.ts';
import { podTransition } from './pod-transition.ts';
import { planProcess, scriptArgv, type PlanInput, type ProcessPlan } from './process.ts';
import type { ProcessInput } from '../containers/virtual-process.ts';
import { ContainerFs } from '../network/container-fs.ts';
import { containerEnv, containerFiles } from '../network/exec-context.ts';
import { containerMemoryBytes } from '../containers/usage.ts';
import { configError } from './config-refs.ts';
import { registryUnreachable, registryUnreachableMessage } from '../faults/registry.ts';
import { forgetProcesses, registerProcess, stopProcess } from './processes.ts';
import { appendLog, forgetLogs, startLog } from './container-log.ts';
import { failureThreshold, initialDelayMs, periodMs, PROBE_LABEL, probeOf, runProbe, successThreshold, type ProbeKind } from './prober.ts';

type PodContainer = { c: Container; init: boolean };

/**
 * By stored pod spec: frozen, so identity is a version, and status writes keep it (each event
 * and plan looks a container up).
 */
const containersOf = new WeakMap<Pod['spec'], readonly PodContainer[]>();

/** App containers after init containers: the pod machine's container indexes. */
export function podContainers(pod: Pod): readonly PodContainer[] {
  const spec = pod.spec;
  const known = containersOf.get(spec);
  if (known) return known;
  const list = [...(spec.initContainers ?? []).map((c) => ({ c, init: true })), ...spec.containers.map((c) => ({ c, init: false }))];
  if (Object.isFrozen(spec)) containersOf.set(spec, list);
  return list;
}

interface ProbeState {
  /** Consecutive failures / successes per probe kind. */
  fails: Partial<Record<ProbeKind, number>>;
  oks: Partial<Record<ProbeKind, number>>;
  started: boolean;
  ready: boolean;
}

const PROBE_KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];
/** A prober timer id: `probe.<kind>:<container index>`. */
const PROBE_TIMER = /^probe\.(\w+):(\d+)$/;
const PROBE_USER_AGENT = 'kube-probe/1.32';

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

/**
 * States inside one SyncPod: the kubelet reports a pod's status when a sync starts
 * (generateAPIPodStatus, then the runtime's SyncPod), and SyncPod creates the sandbox, pulls
 * each image and starts each container in one call before the next sync reports again. So a
 * pod being pulled or created shows the status its sync began with (ContainerCreating, no IP)
 * until its containers run or a step fails: `kubectl get pods -w` prints Pending, Pending,
 * ContainerCreating, Running, as on a real node.
 */
const SYNC_IN_PROGRESS = new Set(['Pulling', 'Creating']);

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
  /** Prober state by container index. */
  probes?: Record<number, ProbeState>;
}

/** A node's image list as a set, by list (a new list is written whenever an image is added). */
const imageSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * Record keys by pod uid, built once per pod: a key built per call is a new string, hashed again
 * at every lookup, and a pod's record is read and written at each of its events. Forgotten with
 * the pod (forget).
 */
const recordKeys = new Map<string, string>();

export function podRecordKey(uid: string): string {
  let k = recordKeys.get(uid);
  if (k === undefined) recordKeys.set(uid, (k = `kubelet/pod/${uid}`));
  return k;
}
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

  let nodeAt = -1;
  let node: Node | undefined;
  /** This kubelet's Node, looked up again only after the Node table changed (Store.version). */
  function nodeObj(cx: ReconcileContext): Node | undefined {
    const version = store.version('nodes');
    // A read still needs the API server up (tryGet would fail), cached or not.
    if (version === nodeAt) cx.api.checkAvailable();
    else {
      node = cx.api.tryGet<Node>('nodes', undefined, nodeName);
      nodeAt = version;
    }
    return node;
  }

  let ipOf: Node | undefined;
  let ip = '';
  /** The node's InternalIP (remembered for the last node version asked about). */
  function hostIP(node: Node | undefined): string {
    if (node !== ipOf || !node) {
      ipOf = node;
      ip = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    }
    return ip;
  }

  /** Built once: a key built per lookup is a new string to hash every time. */
  const imagesRecord = imagesKey(nodeName);
  function nodeImages(): ReadonlySet<string> {
    const list = store.getRecord<readonly string[]>(imagesRecord) ?? preloadedImages();
    let set = imageSets.get(list);
    if (!set) imageSets.set(list, (set = new Set(list)));
    return set;
  }

  function addImage(normalized: string): void {
    const imgs = nodeImages();
    if (imgs.has(normalized)) return;
    store.setRecord(imagesRecord, [...imgs, normalized].sort());
  }

  function setups(pod: Pod, cx: ReconcileContext): ContainerSetup[] {
    const imgs = nodeImages();
    return podContainers(pod).map(({ c, init }) => {
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
      if (pull === 'pull' && registryUnreachable(store)) pull = 'fail'; // fault: engine/faults/registry.ts
      const base = info ? (present ? 350 : pullDurationMs(info)) : 900;
      const pullMs = Math.round(base * (0.85 + 0.3 * cx.rng.next()));
      const probed = !!(c.readinessProbe || c.startupProbe);
      const setup: ContainerSetup = { name: c.name, image, pull, pullMs, sizeBytes: info?.sizeBytes ?? 0, probed };
      if (init) setup.init = init;
      return setup;
    });
  }

  function plan(pod: Pod, rec: PodRecord, index: number, cx: ReconcileContext): { plan: ProcessPlan; containerID: string; configError?: string } {
    const spec = podContainers(pod)[index]!.c;
    const bad = configError(store, pod, spec);
    if (bad) return { plan: { exitCode: 0, logs: [], stopMs: 0 }, containerID: '', configError: bad };
    const ref = parseImageRef(spec.image ?? '');
    const info = ref ? lookupImage(ref) : undefined;
    const node = nodeObj(cx);
    const cpus = Math.max(1, Math.round(quantityValue(node?.status?.allocatable?.['cpu'] ?? '1')));
    const now = cx.clock.now();
    const restarts = rec.context.containers[index]?.restartCount ?? 0;
    const ctxRestarts = rec.context.containers[index]?.state === 'waiting' && rec.context.containers[index]?.reason === 'CreateContainerConfigError' ? restarts : restarts + (rec.context.containers[index]?.state === 'terminated' || rec.context.containers[index]?.last ? 1 : 0);
    const containerID = `containerd://${hex64(`${pod.metadata.uid}/${spec.name}/${ctxRestarts}`)}`;
    const argv = scriptArgv(spec, info);
    const limit = spec.resources?.limits?.['memory'];
    const input = { container: spec, image: info, start: { now, cpus, podName: pod.metadata.name!, podIP: rec.podIP ?? '' } } as PlanInput;
    if (argv?.length) {
      // A script's environment and files see the pod with its IPs (the stored pod may not have them yet).
      const withIP = { ...pod, status: { ...(pod.status ?? {}), podIP: rec.podIP ?? '', hostIP: hostIP(node) } } as Pod;
      const process: ProcessInput = { argv, env: Object.fromEntries(containerEnv(engine, withIP, spec)), files: Object.fromEntries(containerFiles(engine, withIP, spec)), startedAt: now, hostname: pod.metadata.name! };
      if (spec.stdin && !spec.stdinOnce) process.stdin = true;
      input.process = process;
    }
    input.memoryBytes = containerMemoryBytes(pod, spec);
    if (limit !== undefined) input.memoryLimit = quantityValue(limit);
    const { plan: p, proc } = planProcess(input);
    if (proc) registerProcess(store, pod.metadata.uid!, spec.name, containerID, proc);
    return { plan: p, containerID };
  }

  /** Timer ids encode the event: `container.exited:0` -> {type: 'container.exited', index: 0}. */
  function decode(id: string, pod: Pod, rec: PodRecord, cx: ReconcileContext): PodEvent {
    const [type, idx] = id.split(':');
    const now = cx.clock.now();
    const index = idx === undefined ? rec.context.next : Number(idx);
    if (type === 'container.created' || type === 'container.restart') {
      const pl = plan(pod, rec, index, cx);
      const ev = { type, now, index, plan: pl.plan, containerID: pl.containerID } as PodEvent & { configError?: string };
      if (pl.configError) ev.configError = pl.configError;
      return ev;
    }
    return (idx === undefined ? { type, now } : { type, now, index }) as PodEvent;
  }

  function step(pod: Pod, rec: PodRecord | undefined, event: PodEvent, cx: ReconcileContext): void {
    const key = rec ? rec.key : keyOf(pod); // a uid's namespace/name never change
    const [next, actions] = podTransition(rec, event);
    const r: PodRecord = { value: next.value, context: next.context, key, timers: rec ? rec.timers.slice() : [] };
    if (rec?.podIP) r.podIP = rec.podIP;
    // Probe verdicts (consecutive successes and failures, started, ready) outlive a transition.
    if (rec?.probes) r.probes = rec.probes;
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
          for (const i of params['indexes'] as number[]) {
            containerEvent(pod, i, 'Normal', 'Killing', `Stopping container ${podContainers(pod)[i]!.c.name}`, cx);
            stopProcess(store, pod.metadata.uid!, podContainers(pod)[i]!.c.name, cx.clock.now());
          }
          break;
        case 'removePod':
          remove = true;
          break;
        default:
          effect(pod, r, a.type, params, cx);
      }
    }
    store.setRecord(podRecordKey(pod.metadata.uid!), r);
    const state = String(next.value);
    if (!SYNC_IN_PROGRESS.has(state)) writeStatus(pod, r, state, cx);
    if (remove) {
      for (const id of r.timers) cx.cancel(`${key}#${id}`);
      cx.api.delete('pods', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, uid: pod.metadata.uid! });
    }
  }

  function containerEvent(pod: Pod, i: number, type: 'Normal' | 'Warning', reason: string, message: string, cx: ReconcileContext): void {
    const x = podContainers(pod)[i]!;
    cx.events.record(pod, source, type, reason, message, `spec.${x.init ? 'initContainers' : 'containers'}{${x.c.name}}`);
  }

  /** (Re)starts the prober timers of container i after it started. */
  function startProbes(pod: Pod, r: PodRecord, i: number, cx: ReconcileContext): void {
    const spec = podContainers(pod)[i]!.c;
    // No probe: no prober state (onProbe never runs; it would start from this same default).
    if (!spec.startupProbe && !spec.livenessProbe && !spec.readinessProbe) return;
    const probes = Object.assign({}, r.probes);
    probes[i] = { fails: {}, oks: {}, started: !spec.startupProbe, ready: false };
    r.probes = probes;
    for (const kind of PROBE_KINDS) {
      const p = probeOf(spec, kind);
      if (!p) continue;
      // Liveness and readiness wait for the startup probe; it schedules them when it passes.
      if (kind !== 'startup' && spec.startupProbe) continue;
      scheduleProbe(pod, r, i, kind, initialDelayMs(p), cx);
    }
  }

  function scheduleProbe(pod: Pod, r: PodRecord, i: number, kind: ProbeKind, delay: number, cx: ReconcileContext): void {
    const id = `probe.${kind}:${i}`;
    const key = keyOf(pod);
    if (r.timers.includes(id)) cx.cancel(`${key}#${id}`);
    else r.timers.push(id);
    cx.schedule(Math.max(1, delay), `${key}#${id}`, undefined, true);
  }

  /** One probe fired: run it, record the verdict, and tell the pod machine what changed. */
  function onProbe(pod: Pod, rec: PodRecord, kind: ProbeKind, i: number, cx: ReconcileContext): void {
    const spec = podContainers(pod)[i]!.c;
    const p = probeOf(spec, kind);
    const c = rec.context.containers[i];
    if (!p || !c || c.state !== 'running' || c.killCode !== undefined) {
      store.setRecord(podRecordKey(pod.metadata.uid!), rec);
      return;
    }
    const now = cx.clock.now();
    const withIP = { ...pod, status: { ...(pod.status ?? {}), podIP: rec.podIP ?? '' } } as Pod;
    // What `kubectl exec` would see: the image, the process's writes, volumes and earlier exec writes.
    const files = new ContainerFs(engine, withIP, spec).files();
    const res = runProbe(p, {
      pod, container: spec, podIP: rec.podIP ?? '', now, files, env: Object.fromEntries(containerEnv(engine, withIP, spec)), running: true, userAgent: PROBE_USER_AGENT,
    });
    if (res.accessLog !== undefined) {
      appendLog(store, pod.metadata.uid!, spec.name, `${res.accessLog}\n`, now);
    }
    const st: ProbeState = structuredClone(rec.probes?.[i] ?? { fails: {}, oks: {}, started: !spec.startupProbe, ready: false });
    const r: PodRecord = { ...rec, probes: { ...(rec.probes ?? {}), [i]: st } };
    let event: PodEvent | undefined;
    if (res.ok) {
      st.fails[kind] = 0;
      st.oks[kind] = (st.oks[kind] ?? 0) + 1;
      if (kind === 'startup' && !st.started) {
        st.started = true;
        for (const k of ['liveness', 'readiness'] as const) {
          const q = probeOf(spec, k);
          if (q) scheduleProbe(pod, r, i, k, initialDelayMs(q), cx);
        }
        if (!spec.readinessProbe) event = { type: 'container.ready', now, index: i, ready: true };
      }
      if (kind === 'readiness' && !st.ready && st.oks[kind]! >= successThreshold(p)) {
        st.ready = true;
        event = { type: 'container.ready', now, index: i, ready: true };
      }
    } else {
      st.oks[kind] = 0;
      st.fails[kind] = (st.fails[kind] ?? 0) + 1;
      containerEvent(pod, i, 'Warning', 'Unhealthy', `${PROBE_LABEL[kind]} probe failed: ${res.message}`, cx);
      if (st.fails[kind]! >= failureThreshold(p)) {
        if (kind === 'readiness' && st.ready) {
          st.ready = false;
          event = { type: 'container.ready', now, index: i, ready: false };
        }
        if (kind === 'liveness' || kind === 'startup') {
          event = { type: 'container.kill', now, index: i };
          st.fails[kind] = 0;
        }
      }
    }
    // The next probe (a killed container's probes stop; its restart starts them again).
    if (event?.type !== 'container.kill' && (kind !== 'startup' || !st.started)) scheduleProbe(pod, r, i, kind, periodMs(p), cx);
    if (event) step(pod, r, event, cx);
    else store.setRecord(podRecordKey(pod.metadata.uid!), r);
  }

  function effect(pod: Pod, r: PodRecord, action: string, p: Record<string, unknown>, cx: ReconcileContext): void {
    const i = p['index'] as number;
    const c = r.context.containers[i]!;
    const image = c.image;
    switch (action) {
      case 'emitConfigError':
        containerEvent(pod, i, 'Warning', 'Failed', `Error: ${p['message'] as string}`, cx);
        break;
      case 'emitLivenessKill': {
        const kind = c.started || !podContainers(pod)[i]!.c.startupProbe ? 'liveness' : 'startup';
        containerEvent(pod, i, 'Normal', 'Killing', `Container ${c.name} failed ${kind} probe, will be restarted`, cx);
        break;
      }
      case 'emitExited':
        stopProcess(store, pod.metadata.uid!, c.name, cx.clock.now());
        break;
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
        const why = registryUnreachable(store) && lookupImage(ref)
          ? registryUnreachableMessage(ref, hostIP(nodeObj(cx)), 32768 + cx.rng.int(28000))
          : pullErrorMessage(ref);
        containerEvent(pod, i, 'Warning', 'Failed', `Failed to pull image "${image}": ${why}`, cx);
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
        if (p['restarted']) containerEvent(pod, i, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, cx);
        containerEvent(pod, i, 'Normal', 'Created', `Created container ${c.name}`, cx);
        containerEvent(pod, i, 'Normal', 'Started', `Started container ${c.name}`, cx);
        startLog(store, uid, c.name, p['logs'] as string[], cx.clock.now(), !!p['restarted']);
        startProbes(pod, r, i, cx);
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
    // The status manager writes only on change (the API server would also drop an equal write).
    if (deepEqual(status, current.status ?? {})) return;
    const next = Object.assign({}, current) as KubeObject;
    next['status'] = status;
    // The kubelet built this status itself just now: the API server need not copy it defensively.
    cx.api.updateStatus('pods', next, { trusted: true });
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
      const grace = pod.spec['terminationGracePeriodSeconds'] as number | undefined;
      step(pod, undefined, { type: 'pod.sync', now: cx.clock.now(), containers: setups(pod, cx), restartPolicy: pod.spec.restartPolicy ?? 'Always', graceMs: (grace ?? 30) * 1000 }, cx);
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
    const probe = id.startsWith('probe.') ? PROBE_TIMER.exec(id) : null;
    if (probe) return onProbe(pod, rec, probe[1] as ProbeKind, Number(probe[2]), cx);
    step(pod, rec, decode(id, pod, rec, cx), cx);
  }

  function forget(uid: string, cx: ReconcileContext): void {
    const rec = store.getRecord<PodRecord>(podRecordKey(uid));
    if (rec) for (const id of rec.timers) cx.cancel(`${rec.key}#${id}`);
    store.deleteRecord(podRecordKey(uid));
    recordKeys.delete(uid);
    releaseIP(store, nodeName, uid);
    // Logs and processes exist only for the containers of the pod record.
    const containers = rec?.context.containers.map((c) => c.name);
    forgetProcesses(store, uid, containers);
    forgetLogs(store, uid, containers);
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
        // The kubelet's informer selects spec.nodeName=<node>: other nodes' pods never reach map.
        nodeName,
        map: (o, old, deleted) => {
          const pod = o as Pod;
          if (pod.spec?.nodeName !== nodeName) return [];
          const present = !deleted;
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

