// The DaemonSet controller (pkg/controller/daemon/daemon_controller.go, update.go): one pod per
// eligible node (nodeSelector + NoSchedule/NoExecute taints tolerated), pinned with a
// `matchFields metadata.name In [node]` affinity and scheduled by the default scheduler; pods
// on nodes that are gone or no longer eligible are deleted. Template history is kept as
// ControllerRevisions `<ds>-<hash>` (pods carry `controller-revision-hash`), and RollingUpdate
// replaces old pods within maxUnavailable (delete first) or maxSurge (create first); OnDelete
// only replaces pods the user deleted. Status counts are written as updateDaemonSetStatus does.
import type { Node, Pod, PodSpec, PodTemplateSpec, Toleration } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { tolerates } from '../scheduler/plugins/taint-toleration.ts';
import type { Store } from '../store/store.ts';
import { parseTime } from '../time/clock.ts';
import { controllerOf, keyOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import type { ControllerRevision } from './controller-revision.ts';
import { listOwnedBy } from './listers.ts';
import { computeHash } from './pod-template-hash.ts';
import { isPodAvailable, isPodReady } from './pod-util.ts';

export const NAME = 'daemonset-controller';
/** apps.DefaultDaemonSetUniqueLabelKey: on pods and on the DaemonSet's ControllerRevisions. */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** spec.templateGeneration as apps/v1 carries it. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** Tolerations the controller adds to every daemon pod (k8s-behavior 8.2). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];

interface DaemonSetSpec {
  selector: { matchLabels?: Record<string, string> };
  template: PodTemplateSpec & { spec: PodSpec };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
}
type DaemonSet = KubeObject & { spec: DaemonSetSpec };

export function createDaemonSetController(store: Store): Controller {
  const all = () => store.list('daemonsets.apps').map(keyOf);
  return {
    name: NAME,
    watches: [
      { resource: 'daemonsets.apps' },
      {
        resource: 'pods',
        map: (o) => {
          const ref = controllerOf(o);
          return ref?.kind === 'DaemonSet' ? [`${o.metadata.namespace}/${ref.name}`] : [];
        },
      },
      { resource: 'nodes', map: (o, old) => (old && JSON.stringify(old.metadata.labels) === JSON.stringify(o.metadata.labels) && JSON.stringify(old['spec']) === JSON.stringify(o['spec']) ? [] : all()) },
    ],
    reconcile: (key, cx) => syncDaemonSet(key, cx),
  };
}

function eligible(node: Node, spec: PodSpec): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (node.metadata.labels?.[k] !== v) return false;
  const tols = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  return (node.spec.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || tols.some((x) => tolerates(x, t)));
}

type Affinity = { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchExpressions?: unknown[]; matchFields?: { key: string; operator: string; values?: string[] }[] }[] } } };

/** util.GetTargetNodeName: spec.nodeName, or the node the affinity pins the pod to. */
function targetNode(p: Pod): string | undefined {
  const terms = (p.spec.affinity as Affinity | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return p.spec.nodeName || terms?.[0]?.matchFields?.find((f) => f.key === 'metadata.name')?.values?.[0];
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: keeps the template's other affinity terms. */
function pinTo(spec: PodSpec, node: string): void {
  const field = { key: 'metadata.name', operator: 'In', values: [node] };
  const aff = ((spec.affinity ??= {}) as Affinity);
  const na = (aff.nodeAffinity ??= {});
  const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= {});
  const terms = req.nodeSelectorTerms ?? [];
  req.nodeSelectorTerms = terms.length ? terms.map((t) => ({ ...t, matchFields: [field] })) : [{ matchFields: [field] }];
}

function resolve(v: number | string | undefined, total: number): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

/** podByCreationTimestampAndPhase: scheduled first, then oldest, then by name. */
function byAge(a: Pod, b: Pod): number {
  if (!!a.spec.nodeName !== !!b.spec.nodeName) return a.spec.nodeName ? -1 : 1;
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

interface Sync {
  cx: ReconcileContext;
  ds: DaemonSet;
  hash: string;
  generation: string;
  now: number;
}

/** util.IsPodUpdated: the pod carries the current hash or template generation. */
function isUpdated(s: Sync, p: Pod): boolean {
  return p.metadata.labels?.[REVISION_HASH_LABEL] === s.hash || p.metadata.labels?.[TEMPLATE_GENERATION_LABEL] === s.generation;
}

const available = (s: Sync, p: Pod) => isPodAvailable(p, s.ds.spec.minReadySeconds ?? 0, s.now);

function syncDaemonSet(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const ds = cx.api.tryGet<DaemonSet>('daemonsets.apps', namespace, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const spec = ds.spec;
  const nodes = cx.api.list<Node>('nodes');
  const want = new Set(nodes.filter((n) => eligible(n, spec.template.spec)).map((n) => n.metadata.name!));
  const { current, old } = constructHistory(cx, ds);
  const s: Sync = {
    cx,
    ds,
    hash: current.metadata.labels?.[REVISION_HASH_LABEL] ?? computeHash(spec.template),
    generation: ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1),
    now: cx.clock.now(),
  };

  manage(s, want);
  const strategy = spec.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy === 'RollingUpdate') rollingUpdate(s, want);
  cleanupHistory(s, old);
  return updateStatus(s, nodes, want);
}

/** Pods the DaemonSet controls, by target node (terminating ones included, as upstream). */
function podsByNode(s: Sync): Map<string, Pod[]> {
  const pods = listOwnedBy<Pod>(s.cx.api, 'pods', s.ds.metadata.namespace, s.ds.metadata.uid!).filter((p) => controllerOf(p)?.uid === s.ds.metadata.uid);
  const out = new Map<string, Pod[]>();
  for (const p of pods) {
    if (p.metadata.deletionTimestamp && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')) continue;
    const node = targetNode(p);
    if (!node) continue;
    if (!out.has(node)) out.set(node, []);
    out.get(node)!.push(p);
  }
  return out;
}

function createPod(s: Sync, node: string): void {
  const { ds, cx } = s;
  const t = ds.spec.template;
  const podSpec = structuredClone(t.spec);
  pinTo(podSpec, node);
  podSpec.tolerations = [...(podSpec.tolerations ?? []), ...DAEMON_TOLERATIONS.filter((d) => !(podSpec.tolerations ?? []).some((x) => x.key === d.key && x.effect === d.effect))];
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace!,
      labels: { ...(t.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: s.hash, [TEMPLATE_GENERATION_LABEL]: s.generation },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name!, uid: ds.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: podSpec,
  };
  if (t.metadata?.annotations) pod.metadata.annotations = { ...t.metadata.annotations };
  const created = cx.api.create<Pod>('pods', ds.metadata.namespace, pod).object;
  cx.events.record(ds, { component: NAME }, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
}

function deletePod(s: Sync, p: Pod): void {
  if (p.metadata.deletionTimestamp) return;
  s.cx.api.delete('pods', s.ds.metadata.namespace, p.metadata.name!);
  s.cx.events.record(s.ds, { component: NAME }, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
}

/** manage + podsShouldBeOnNode: create missing pods, delete failed, surplus and misplaced ones. */
function manage(s: Sync, want: Set<string>): void {
  const byNode = podsByNode(s);
  const surge = (s.ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && resolve(s.ds.spec.updateStrategy?.rollingUpdate?.maxSurge, want.size) > 0;
  for (const node of [...want].sort()) if (!byNode.get(node)?.length) createPod(s, node);
  for (const [node, pods] of byNode) {
    if (!want.has(node)) {
      for (const p of pods) deletePod(s, p);
      continue;
    }
    const running: Pod[] = [];
    for (const p of pods) {
      if (p.metadata.deletionTimestamp) continue;
      if (p.status?.phase === 'Failed') {
        s.cx.events.record(s.ds, { component: NAME }, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${node}, will try to kill it`);
        deletePod(s, p);
        continue;
      }
      running.push(p);
    }
    running.sort(byAge);
    if (!surge) {
      for (const p of running.slice(1)) deletePod(s, p);
      continue;
    }
    // With surge, an old and a new pod may coexist until the new one is ready.
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const p of running) {
      if (p.metadata.labels?.[REVISION_HASH_LABEL] === s.hash) {
        if (!oldestNew) {
          oldestNew = p;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = p;
        continue;
      }
      deletePod(s, p);
    }
    if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodReady(oldestNew))) deletePod(s, oldestOld);
  }
}

/** findUpdatedPodsOnNode: at most one new and one old live pod, else not ok. */
function splitNode(s: Sync, pods: Pod[]): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    if (isUpdated(s, p)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { ok: true, newPod, oldPod };
}

/** update.go rollingUpdate: replace old pods within maxUnavailable, or surge up to maxSurge. */
function rollingUpdate(s: Sync, want: Set<string>): void {
  const byNode = podsByNode(s);
  for (const node of want) if (!byNode.has(node)) byNode.set(node, []);
  const ru = s.ds.spec.updateStrategy?.rollingUpdate ?? {};
  let maxUnavailable = resolve(ru.maxUnavailable, want.size);
  const maxSurge = resolve(ru.maxSurge, want.size);
  if (want.size > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const nodes = [...byNode.keys()].sort();

  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodes) {
      const { ok, newPod, oldPod } = splitNode(s, byNode.get(node)!);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
      else if (newPod) {
        if (!available(s, newPod)) unavailable++;
      } else if (!available(s, oldPod!)) replace.push(oldPod!);
      else if (unavailable < maxUnavailable) candidates.push(oldPod!);
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    for (const p of [...replace, ...candidates.slice(0, room)]) deletePod(s, p);
    return;
  }

  const toDelete: Pod[] = [];
  const allowedNew: string[] = [];
  const candidateNew: string[] = [];
  let surged = 0;
  for (const node of nodes) {
    const { ok, newPod, oldPod } = splitNode(s, byNode.get(node)!);
    if (!ok) {
      surged++;
      continue;
    }
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(s, oldPod)) {
        if (!want.has(node)) toDelete.push(oldPod);
        else allowedNew.push(node);
      } else if (surged < maxSurge) candidateNew.push(node);
      continue;
    }
    if (!available(s, newPod)) surged++;
    else toDelete.push(oldPod);
  }
  const room = Math.min(Math.max(0, maxSurge - surged), candidateNew.length);
  for (const node of [...allowedNew, ...candidateNew.slice(0, room)]) createPod(s, node);
  for (const p of toDelete) deletePod(s, p);
}

// History ----------------------------------------------------------------------------------------

function revisionsOf(cx: ReconcileContext, ds: DaemonSet): ControllerRevision[] {
  return listOwnedBy<ControllerRevision>(cx.api, 'controllerrevisions.apps', ds.metadata.namespace, ds.metadata.uid!)
    .filter((r) => controllerOf(r)?.uid === ds.metadata.uid)
    .sort((a, b) => a.revision - b.revision || (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

/** constructHistory + snapshot: the current revision (created, or renumbered on rollback). */
function constructHistory(cx: ReconcileContext, ds: DaemonSet): { current: ControllerRevision; old: ControllerRevision[] } {
  const history = revisionsOf(cx, ds);
  const hash = computeHash(ds.spec.template);
  const name = `${ds.metadata.name}-${hash}`;
  const max = history.reduce((m, r) => Math.max(m, r.revision), 0);
  const old = history.filter((r) => r.metadata.name !== name);
  const same = history.find((r) => r.metadata.name === name);
  if (same) {
    if (same.revision >= max) return { current: same, old };
    const next = structuredClone(same) as ControllerRevision;
    next.revision = max + 1;
    return { current: cx.api.update<ControllerRevision>('controllerrevisions.apps', next).object, old };
  }
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: ds.metadata.namespace!,
      labels: { ...(ds.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name!, uid: ds.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    data: { spec: { template: { ...structuredClone(ds.spec.template), $patch: 'replace' } } },
    revision: max + 1,
  };
  if (ds.metadata.annotations && Object.keys(ds.metadata.annotations).length) cr.metadata.annotations = { ...ds.metadata.annotations };
  return { current: cx.api.create<ControllerRevision>('controllerrevisions.apps', ds.metadata.namespace, cr).object, old };
}

/** cleanupHistory: at most revisionHistoryLimit old revisions no live pod uses, oldest first. */
function cleanupHistory(s: Sync, old: ControllerRevision[]): void {
  let toKill = old.length - (s.ds.spec.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return;
  const live = new Set<string>();
  for (const pods of podsByNode(s).values()) for (const p of pods) if (p.metadata.labels?.[REVISION_HASH_LABEL]) live.add(p.metadata.labels[REVISION_HASH_LABEL]);
  for (const r of old) {
    if (toKill <= 0) break;
    if (live.has(r.metadata.labels?.[REVISION_HASH_LABEL] ?? '')) continue;
    s.cx.api.delete('controllerrevisions.apps', r.metadata.namespace, r.metadata.name!);
    toKill--;
  }
}

// Status -----------------------------------------------------------------------------------------

function updateStatus(s: Sync, nodes: Node[], want: Set<string>): Result {
  const byNode = podsByNode(s);
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let avail = 0;
  let updated = 0;
  let readyNotAvailable = false;
  for (const n of nodes) {
    const pods = byNode.get(n.metadata.name!) ?? [];
    if (!want.has(n.metadata.name!)) {
      if (pods.length) misscheduled++;
      continue;
    }
    desired++;
    if (!pods.length) continue;
    current++;
    const pod = [...pods].sort(byAge)[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (available(s, pod)) avail++;
      else readyNotAvailable = true;
    }
    if (isUpdated(s, pod)) updated++;
  }
  const status: Record<string, number> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    observedGeneration: s.ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
  };
  if (avail) status['numberAvailable'] = avail;
  if (desired - avail > 0) status['numberUnavailable'] = desired - avail;
  const prev = (s.ds['status'] ?? {}) as Record<string, unknown>;
  const merged = { ...prev, ...status } as Record<string, unknown>;
  if (!avail) delete merged['numberAvailable'];
  if (desired - avail <= 0) delete merged['numberUnavailable'];
  if (JSON.stringify(sorted(merged)) !== JSON.stringify(sorted(prev))) {
    const next = structuredClone(s.ds) as KubeObject;
    next['status'] = merged;
    s.cx.api.updateStatus('daemonsets.apps', next);
  }
  const minReady = s.ds.spec.minReadySeconds ?? 0;
  if (minReady > 0 && readyNotAvailable) return { requeueAfter: minReady * 1000 };
  return undefined;
}

function sorted(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
