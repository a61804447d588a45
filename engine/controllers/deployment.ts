// The Deployment controller. Mirrors pkg/controller/deployment/{deployment_controller,sync,
// rolling,recreate,progress}.go: claim ReplicaSets, find or create the new one
// (`<deploy>-<pod-template-hash>`), scale new up and old down within maxSurge/maxUnavailable
// (RollingUpdate) or old-to-zero-first (Recreate), clean up history, then write status and the
// Available/Progressing conditions. Proportional scaling of several active RSs is simplified:
// the rolling maths converges to the same end state.
import type { Deployment, ReplicaSet } from '../api/apps-v1.ts';
import type { Pod } from '../api/core-v1.ts';
import { fromLabelSelector, matches } from '../api/labels.ts';
import type { Condition, KubeObject, OwnerReference } from '../api/meta.ts';
import type { Store } from '../store/store.ts';
import { parseTime } from '../time/clock.ts';
import { controllerOf, keyOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { listOrphans, listOwnedBy } from './listers.ts';
import { computeHash, equalIgnoreHash } from './pod-template-hash.ts';
import { isPodActive } from './pod-util.ts';

export const NAME = 'deployment-controller';
export const SCALING_REPLICA_SET = 'ScalingReplicaSet';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const NOT_COPIED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, 'deprecated.deployment.rollback.to']);

// Condition reasons and messages (deployment/util/deployment_util.go).
export const MIN_AVAILABLE = 'MinimumReplicasAvailable';
export const MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';
export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';

export function createDeploymentController(store: Store): Controller {
  const ownerDeployment = (o: KubeObject): string[] => {
    const ref = controllerOf(o);
    if (ref) return ref.kind === 'Deployment' ? [`${o.metadata.namespace}/${ref.name}`] : [];
    return (store.list('deployments.apps', o.metadata.namespace) as Deployment[])
      .filter((d) => matches(fromLabelSelector(d.spec.selector) ?? [], o.metadata.labels))
      .map(keyOf);
  };
  // Namespaces with a Recreate Deployment, as of a version of the Deployment table: most pod
  // events are in namespaces without one, and need no ReplicaSet and Deployment lookup.
  let recreate = { version: -1, namespaces: new Set<string>() };
  const recreateIn = (ns: string) => {
    const version = store.version('deployments.apps');
    if (recreate.version !== version) {
      const namespaces = new Set<string>();
      for (const d of store.list('deployments.apps') as Deployment[]) if (d.spec.strategy?.type === 'Recreate') namespaces.add(d.metadata.namespace!);
      recreate = { version, namespaces };
    }
    return recreate.namespaces.has(ns);
  };
  return {
    name: NAME,
    watches: [
      { resource: 'deployments.apps' },
      { resource: 'replicasets.apps', map: (o, old) => [...new Set([...ownerDeployment(o), ...(old ? ownerDeployment(old) : [])])] },
      {
        // Only Recreate waits on pods (all old pods gone before the new RS scales up).
        resource: 'pods',
        map: (o) => {
          const ref = controllerOf(o);
          if (!ref || ref.kind !== 'ReplicaSet' || !recreateIn(o.metadata.namespace!)) return [];
          const rs = store.get('replicasets.apps', o.metadata.namespace, ref.name);
          const dref = rs && controllerOf(rs);
          if (!dref || dref.kind !== 'Deployment') return [];
          const d = store.get('deployments.apps', o.metadata.namespace, dref.name) as Deployment | undefined;
          return d?.spec.strategy?.type === 'Recreate' ? [keyOf(d)] : [];
        },
      },
    ],
    reconcile: (key, cx) => syncDeployment(key, cx),
  };
}

// Fenceposts -----------------------------------------------------------------------------------

function resolve(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 -> unavailable 1. */
export function fenceposts(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const replicas = d.spec.replicas ?? 1;
  if (d.spec.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: replicas };
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const maxSurge = resolve(ru.maxSurge ?? '25%', replicas, true);
  let maxUnavailable = resolve(ru.maxUnavailable ?? '25%', replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) };
}

// Helpers ----------------------------------------------------------------------------------------

const replicasOf = (rs: ReplicaSet) => rs.spec.replicas ?? 0;
const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;
const sum = (list: ReplicaSet[], f: (rs: ReplicaSet) => number) => list.reduce((n, rs) => n + f(rs), 0);

function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ac = a.metadata.creationTimestamp ?? '';
  const bc = b.metadata.creationTimestamp ?? '';
  if (ac !== bc) return ac < bc ? -1 : 1;
  return a.metadata.name! < b.metadata.name! ? -1 : 1;
}

function ownerRefFor(d: Deployment): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** SetDeploymentCondition: same status+reason is a no-op; a changed condition moves to the end. */
function setCondition(conds: Condition[], c: Condition): Condition[] {
  const cur = conds.find((x) => x.type === c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return conds;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime!;
  return [...conds.filter((x) => x.type !== c.type), c];
}

// Sync -------------------------------------------------------------------------------------------

interface Sync {
  d: Deployment;
  cx: ReconcileContext;
  conditions: Condition[];
  collisionCount: number | undefined;
}

function syncDeployment(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const d = cx.api.tryGet<Deployment>('deployments.apps', namespace, name);
  if (!d || d.metadata.deletionTimestamp) return;
  const selector = fromLabelSelector(d.spec.selector);
  if (!selector || selector.length === 0) return; // "selector is empty": upstream only warns.
  const s: Sync = { d, cx, conditions: structuredClone(d.status?.conditions ?? []), collisionCount: d.status?.collisionCount };
  const rsList = claimReplicaSets(d, selector, cx);

  if (d.spec.paused) {
    s.conditions = setCondition(s.conditions, newCondition('Progressing', 'Unknown', PAUSED, 'Deployment is paused', cx.clock.nowRFC3339()));
    const newRS = rsList.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
    if (newRS && replicasOf(newRS) !== (d.spec.replicas ?? 1)) scaleReplicaSet(s, newRS, d.spec.replicas ?? 1);
    return writeStatus(s, newRS, refresh(rsList, cx));
  }
  const progressing = s.conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === PAUSED)
    s.conditions = setCondition(s.conditions, newCondition('Progressing', 'Unknown', RESUMED, 'Deployment is resumed', cx.clock.nowRFC3339()));

  const oldRSs = rsList.filter((rs) => !equalIgnoreHash(rs.spec.template, d.spec.template)).sort(byCreation);
  const recreate = d.spec.strategy?.type === 'Recreate';
  let newRS = rsList.filter((rs) => equalIgnoreHash(rs.spec.template, d.spec.template)).sort(byCreation)[0];

  if (recreate) {
    // Old ReplicaSets to zero first; the new one waits until no old pod is left.
    let scaledDown = false;
    for (const rs of oldRSs) if (replicasOf(rs) !== 0) scaledDown = scaleReplicaSet(s, rs, 0) || scaledDown;
    const oldPodsRunning = oldRSs.some((rs) => listOwnedBy<Pod>(cx.api, 'pods', d.metadata.namespace, rs.metadata.uid!).some(isPodActive) || (rs.status?.replicas ?? 0) > 0);
    if (scaledDown || oldPodsRunning) return writeStatus(s, newRS, refresh(rsList, cx));
    newRS = getNewReplicaSet(s, newRS, oldRSs, true);
    if (!newRS) return { requeueAfter: 0 };
    if (replicasOf(newRS) !== (d.spec.replicas ?? 1)) scaleReplicaSet(s, newRS, d.spec.replicas ?? 1);
  } else {
    const scaling = isScalingEvent(d, newRS ? [newRS, ...oldRSs] : oldRSs);
    newRS = getNewReplicaSet(s, newRS, oldRSs, !scaling);
    if (scaling) {
      // sync(): a replicas change during a rollout is spread over the active ReplicaSets first.
      proportionalScale(s, newRS, oldRSs);
      return writeStatus(s, newRS, refresh(newRS ? [...oldRSs, newRS] : oldRSs, cx));
    }
    if (!newRS) return { requeueAfter: 0 };
    const all = [...oldRSs, newRS];
    if (reconcileNewReplicaSet(s, all, newRS)) return writeStatus(s, newRS, refresh([...oldRSs, newRS], cx));
    reconcileOldReplicaSets(s, refresh(all, cx), refresh(oldRSs, cx), refresh([newRS], cx)[0]!);
  }
  const all = refresh([...oldRSs, newRS], cx);
  newRS = all[all.length - 1]!;
  return writeStatus(s, newRS, all);
}

/** Re-reads ReplicaSets we may have just written (the store is synchronous). */
function refresh(list: ReplicaSet[], cx: ReconcileContext): ReplicaSet[] {
  return list.map((rs) => cx.api.tryGet<ReplicaSet>('replicasets.apps', rs.metadata.namespace, rs.metadata.name!) ?? rs);
}

function claimReplicaSets(d: Deployment, selector: NonNullable<ReturnType<typeof fromLabelSelector>>, cx: ReconcileContext): ReplicaSet[] {
  const ns = d.metadata.namespace!;
  const uid = d.metadata.uid!;
  const out: ReplicaSet[] = [];
  for (const rs of listOwnedBy<ReplicaSet>(cx.api, 'replicasets.apps', ns, uid)) {
    if (controllerOf(rs)?.uid !== uid) continue;
    if (matches(selector, rs.metadata.labels)) out.push(rs);
    else {
      const next = structuredClone(rs);
      next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (!next.metadata.ownerReferences.length) delete next.metadata.ownerReferences;
      cx.api.update('replicasets.apps', next);
    }
  }
  for (const rs of listOrphans<ReplicaSet>(cx.api, 'replicasets.apps', ns)) {
    if (rs.metadata.deletionTimestamp || !matches(selector, rs.metadata.labels)) continue;
    const next = structuredClone(rs);
    next.metadata.ownerReferences = [...(next.metadata.ownerReferences ?? []), ownerRefFor(d)];
    out.push(cx.api.update('replicasets.apps', next).object);
  }
  return out.filter((rs) => !rs.metadata.deletionTimestamp).sort(byCreation);
}

function copiedAnnotations(d: Deployment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) out[k] = v;
  return out;
}

/** getNewReplicaSet: reuse the RS whose template matches (bumping its revision) or create one. */
function getNewReplicaSet(s: Sync, existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
  const { d, cx } = s;
  const maxOld = oldRSs.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  const newRevision = String(maxOld + 1);
  const replicas = d.spec.replicas ?? 1;
  const { maxSurge } = fenceposts(d);
  const now = cx.clock.nowRFC3339();

  if (existing) {
    let rs = existing;
    const ann = rs.metadata.annotations ?? {};
    const rev = revisionOf(rs);
    // SetNewReplicaSetAnnotations: revision and copied annotations only; the replica annotations
    // move with scaling (proportional scaling reads the old max-replicas).
    const want: Record<string, string> = { ...ann, ...copiedAnnotations(d) };
    if (rev < maxOld + 1 && rev <= maxOld) {
      want[REVISION] = newRevision;
      if (ann[REVISION]) want[REVISION_HISTORY] = ann[REVISION_HISTORY] ? `${ann[REVISION_HISTORY]},${ann[REVISION]}` : ann[REVISION]!;
    }
    if (JSON.stringify(want) !== JSON.stringify(ann)) {
      const next = structuredClone(rs);
      next.metadata.annotations = want;
      rs = cx.api.update('replicasets.apps', next).object;
    }
    setDeploymentRevision(s, rs.metadata.annotations?.[REVISION] ?? newRevision);
    if (!s.conditions.some((c) => c.type === 'Progressing'))
      s.conditions = setCondition(s.conditions, newCondition('Progressing', 'True', FOUND_NEW_RS, `Found new replica set "${rs.metadata.name}"`, now));
    return rs;
  }
  if (!create) return undefined;

  const hash = computeHash(d.spec.template, s.collisionCount);
  const name = `${d.metadata.name}-${hash}`;
  const template = structuredClone(d.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), 'pod-template-hash': hash };
  const current = sum(oldRSs, replicasOf);
  const newReplicas = d.spec.strategy?.type === 'Recreate' ? replicas : Math.max(0, Math.min(replicas + maxSurge - current, replicas));
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace!,
      labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
      annotations: { ...copiedAnnotations(d), [DESIRED_REPLICAS]: String(replicas), [MAX_REPLICAS]: String(replicas + maxSurge), [REVISION]: newRevision },
      ownerReferences: [ownerRefFor(d)],
    },
    spec: { replicas: newReplicas, selector, template },
  };
  if (d.spec.minReadySeconds) rs.spec.minReadySeconds = d.spec.minReadySeconds;
  const clash = cx.api.tryGet<ReplicaSet>('replicasets.apps', d.metadata.namespace, name);
  if (clash) {
    // Same name, different template: a hash collision. Bump collisionCount and try again.
    if (controllerOf(clash)?.uid === d.metadata.uid && equalIgnoreHash(clash.spec.template, d.spec.template)) return clash;
    s.collisionCount = (s.collisionCount ?? 0) + 1;
    writeStatus(s, undefined, oldRSs);
    return undefined;
  }
  const created = cx.api.create<ReplicaSet>('replicasets.apps', d.metadata.namespace, rs).object;
  if (newReplicas > 0)
    cx.events.record(d, { component: NAME }, 'Normal', SCALING_REPLICA_SET, `Scaled up replica set ${name} to ${newReplicas}`);
  setDeploymentRevision(s, newRevision);
  s.conditions = setCondition(s.conditions, newCondition('Progressing', 'True', NEW_RS_CREATED, `Created new replica set "${name}"`, now));
  return created;
}

function setDeploymentRevision(s: Sync, revision: string): void {
  if (s.d.metadata.annotations?.[REVISION] === revision) return;
  const next = structuredClone(s.d);
  next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [REVISION]: revision };
  s.d = s.cx.api.update('deployments.apps', next).object;
}

/** Sets an RS's replicas (and its desired/max annotations); records ScalingReplicaSet. */
function scaleReplicaSet(s: Sync, rs: ReplicaSet, to: number): boolean {
  const { d, cx } = s;
  const { maxSurge } = fenceposts(d);
  const replicas = d.spec.replicas ?? 1;
  const from = replicasOf(rs);
  const ann = rs.metadata.annotations ?? {};
  const annChanged = ann[DESIRED_REPLICAS] !== String(replicas) || ann[MAX_REPLICAS] !== String(replicas + maxSurge);
  if (from === to && !annChanged) return false;
  const next = structuredClone(rs);
  next.spec.replicas = to;
  next.metadata.annotations = { ...ann, [DESIRED_REPLICAS]: String(replicas), [MAX_REPLICAS]: String(replicas + maxSurge) };
  cx.api.update('replicasets.apps', next);
  if (from !== to)
    cx.events.record(d, { component: NAME }, 'Normal', SCALING_REPLICA_SET,
      `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${to} from ${from}`);
  return from !== to;
}

/** isScalingEvent: an active ReplicaSet's desired-replicas annotation disagrees with spec.replicas. */
function isScalingEvent(d: Deployment, rss: ReplicaSet[]): boolean {
  const want = String(d.spec.replicas ?? 1);
  return rss.some((rs) => replicasOf(rs) > 0 && rs.metadata.annotations?.[DESIRED_REPLICAS] !== undefined && rs.metadata.annotations[DESIRED_REPLICAS] !== want);
}

/** math.Round: half away from zero (integer.RoundToInt32). */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** scale() in sync.go: proportional scaling of the active ReplicaSets (k8s-behavior 4.2). */
function proportionalScale(s: Sync, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const d = s.d;
  const replicas = d.spec.replicas ?? 1;
  const all = newRS ? [newRS, ...oldRSs] : oldRSs;
  const active = all.filter((rs) => replicasOf(rs) > 0);
  if (active.length === 0) {
    if (newRS && replicasOf(newRS) !== replicas) scaleReplicaSet(s, newRS, replicas);
    return;
  }
  if (active.length === 1) {
    const only = active[0]!;
    scaleReplicaSet(s, only, replicas);
    return;
  }
  if (newRS && replicasOf(newRS) === replicas && (newRS.status?.availableReplicas ?? 0) === replicas) {
    for (const rs of oldRSs) scaleReplicaSet(s, rs, 0);
    return;
  }
  if (d.spec.strategy?.type === 'Recreate') return;
  const { maxSurge } = fenceposts(d);
  const allowed = replicas + maxSurge;
  const toAdd = allowed - sum(active, replicasOf);
  const created = (rs: ReplicaSet) => rs.metadata.creationTimestamp ?? '';
  // ReplicaSetsBySizeNewer when adding, BySizeOlder when removing: largest first.
  const ordered = [...active].sort((a, b) => {
    if (replicasOf(a) !== replicasOf(b)) return replicasOf(b) - replicasOf(a);
    if (created(a) === created(b)) return a.metadata.name! < b.metadata.name! ? -1 : 1;
    return toAdd > 0 ? (created(a) > created(b) ? -1 : 1) : (created(a) < created(b) ? -1 : 1);
  });
  const size = new Map<string, number>();
  let added = 0;
  if (toAdd !== 0) {
    for (const rs of ordered) {
      let proportion = 0;
      if (replicasOf(rs) !== 0) {
        const annotated = Number(rs.metadata.annotations?.[MAX_REPLICAS] ?? d.status?.replicas ?? 0) || 0;
        const fraction = replicas === 0 ? -replicasOf(rs)
          : annotated === 0 ? 0 : roundHalfAway((replicasOf(rs) * allowed) / annotated) - replicasOf(rs);
        const left = toAdd - added;
        proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
      }
      size.set(rs.metadata.uid!, replicasOf(rs) + proportion);
      added += proportion;
    }
  }
  ordered.forEach((rs, i) => {
    let n = size.get(rs.metadata.uid!) ?? replicasOf(rs);
    if (i === 0 && toAdd !== 0) n = Math.max(0, n + toAdd - added);
    scaleReplicaSet(s, rs, n);
  });
}

/** reconcileNewReplicaSet (rolling.go): grow the new RS within maxSurge. */
function reconcileNewReplicaSet(s: Sync, all: ReplicaSet[], newRS: ReplicaSet): boolean {
  const replicas = s.d.spec.replicas ?? 1;
  const cur = replicasOf(newRS);
  if (cur === replicas) return false;
  if (cur > replicas) return scaleReplicaSet(s, newRS, replicas);
  const { maxSurge } = fenceposts(s.d);
  const total = sum(all, replicasOf);
  const room = replicas + maxSurge - total;
  if (room <= 0) return false;
  return scaleReplicaSet(s, newRS, cur + Math.min(room, replicas - cur));
}

/** reconcileOldReplicaSets (rolling.go): remove unhealthy old pods, then shrink within maxUnavailable. */
function reconcileOldReplicaSets(s: Sync, all: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): void {
  if (sum(oldRSs, replicasOf) === 0) return;
  const replicas = s.d.spec.replicas ?? 1;
  const { maxUnavailable } = fenceposts(s.d);
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sum(all, replicasOf) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  let cleaned = 0;
  for (const rs of oldRSs) {
    if (cleaned >= maxScaledDown) break;
    const r = replicasOf(rs);
    const unhealthy = r - (rs.status?.availableReplicas ?? 0);
    if (r === 0 || unhealthy <= 0) continue;
    const down = Math.min(maxScaledDown - cleaned, unhealthy);
    scaleReplicaSet(s, rs, r - down);
    cleaned += down;
  }
  const fresh = refresh(oldRSs, s.cx);
  const available = sum([...fresh, newRS], (rs) => rs.status?.availableReplicas ?? 0);
  const total = available - minAvailable;
  if (total <= 0) return;
  let done = 0;
  for (const rs of fresh) {
    if (done >= total) break;
    const r = replicasOf(rs);
    if (r === 0) continue;
    const down = Math.min(r, total - done);
    scaleReplicaSet(s, rs, r - down);
    done += down;
  }
}

function cleanupHistory(s: Sync, oldRSs: ReplicaSet[]): void {
  const limit = s.d.spec.revisionHistoryLimit ?? 10;
  const dead = oldRSs.filter((rs) => replicasOf(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp);
  const excess = dead.length - limit;
  if (excess <= 0) return;
  dead.sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (const rs of dead.slice(0, excess)) s.cx.api.delete('replicasets.apps', rs.metadata.namespace, rs.metadata.name!);
}

function writeStatus(s: Sync, newRS: ReplicaSet | undefined, all: ReplicaSet[]): Result {
  const { cx } = s;
  const d = cx.api.tryGet<Deployment>('deployments.apps', s.d.metadata.namespace, s.d.metadata.name!) ?? s.d;
  const replicas = d.spec.replicas ?? 1;
  const { maxUnavailable } = fenceposts(d);
  const now = cx.clock.nowRFC3339();
  const available = sum(all, (rs) => rs.status?.availableReplicas ?? 0);
  const status: NonNullable<Deployment['status']> = {};
  if (d.metadata.generation !== undefined) status.observedGeneration = d.metadata.generation;
  const actual = sum(all, (rs) => rs.status?.replicas ?? 0);
  const updated = newRS ? newRS.status?.replicas ?? 0 : 0;
  const ready = sum(all, (rs) => rs.status?.readyReplicas ?? 0);
  const unavailable = Math.max(0, sum(all, replicasOf) - available);
  if (actual) status.replicas = actual;
  if (updated) status.updatedReplicas = updated;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (unavailable) status.unavailableReplicas = unavailable;

  let conds = s.conditions;
  conds = available >= replicas - maxUnavailable
    ? setCondition(conds, newCondition('Available', 'True', MIN_AVAILABLE, 'Deployment has minimum availability.', now))
    : setCondition(conds, newCondition('Available', 'False', MIN_UNAVAILABLE, 'Deployment does not have minimum availability.', now));

  // syncRolloutStatus (progress.go).
  let deadlineIn: number | undefined;
  const cur = conds.find((c) => c.type === 'Progressing');
  const paused = d.spec.paused || cur?.reason === PAUSED;
  if (!paused && newRS && d.spec.progressDeadlineSeconds !== 2147483647) {
    const complete = updated === replicas && actual === replicas && available === replicas && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
    const prev = d.status ?? {};
    const progressed = updated > (prev.updatedReplicas ?? 0) || ready > (prev.readyReplicas ?? 0) || available > (prev.availableReplicas ?? 0) || actual < (prev.replicas ?? 0);
    const rsName = newRS.metadata.name;
    if (complete) {
      conds = setCondition(conds, newCondition('Progressing', 'True', NEW_RS_AVAILABLE, `ReplicaSet "${rsName}" has successfully progressed.`, now));
      cleanupHistory(s, all.filter((rs) => rs.metadata.uid !== newRS.metadata.uid));
    } else if (progressed) {
      const c = newCondition('Progressing', 'True', RS_UPDATED, `ReplicaSet "${rsName}" is progressing.`, now);
      if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime!;
      conds = [...conds.filter((x) => x.type !== 'Progressing'), c];
    } else if (cur && cur.reason !== NEW_RS_AVAILABLE && cur.reason !== TIMED_OUT) {
      const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
      const since = parseTime(cur.lastUpdateTime) ?? cx.clock.now();
      if (cx.clock.now() >= since + deadline)
        conds = setCondition(conds, newCondition('Progressing', 'False', TIMED_OUT, `ReplicaSet "${rsName}" has timed out progressing.`, now));
      else deadlineIn = since + deadline - cx.clock.now();
    }
  }
  if (conds.length) status.conditions = conds;
  if (s.collisionCount !== undefined) status.collisionCount = s.collisionCount;
  if (JSON.stringify(status) !== JSON.stringify(d.status ?? {})) {
    const next = structuredClone(d) as KubeObject;
    next['status'] = status;
    cx.api.updateStatus('deployments.apps', next);
  }
  // The deadline check is a background timer: it must not keep settle() busy for ten minutes.
  const key = `${d.metadata.namespace}/${d.metadata.name}`;
  cx.cancel(key, PROGRESS_CHECK);
  if (deadlineIn !== undefined) cx.schedule(deadlineIn, key, PROGRESS_CHECK, true);
}

const PROGRESS_CHECK = 'progress-deadline';
