// The Job controller (pkg/controller/job/job_controller.go): runs pods until `completions`
// succeed (or, without completions, until one succeeds and none is active), at most
// `parallelism` at a time; counts finished pods through the `batch.kubernetes.io/job-tracking`
// finalizer (counted pods lose it); retries failures after 10 s, 20 s, 40 s ... up to the
// backoffLimit; enforces activeDeadlineSeconds; Indexed mode gives each pod an index. Terminal
// conditions follow 1.31+: SuccessCriteriaMet/FailureTarget first, then Complete/Failed once
// no pod is left running.
import type { Container, Pod, PodTemplateSpec } from '../api/core-v1.ts';
import type { Condition, KubeObject, LabelSelector, OwnerReference } from '../api/meta.ts';
import { parseTime } from '../time/clock.ts';
import { controllerOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { listOwnedBy } from './listers.ts';
import { isPodReady } from './pod-util.ts';

export const NAME = 'job-controller';
export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
const BACKOFF_INITIAL_MS = 10_000;
/** MaxJobPodFailureBackOff (1.3x): 10 minutes. */
const BACKOFF_MAX_MS = 600_000;

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  selector?: LabelSelector;
  template: PodTemplateSpec;
}

export interface JobStatus {
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  completedIndexes?: string;
  conditions?: Condition[];
  uncountedTerminatedPods?: Record<string, string[]>;
}

export type Job = KubeObject & { spec: JobSpec; status?: JobStatus };

export function jobFinished(j: Job): 'Complete' | 'Failed' | undefined {
  for (const c of j.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

export function createJobController(): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'jobs.batch' },
      {
        resource: 'pods',
        map: (o) => {
          const ref = controllerOf(o);
          return ref?.kind === 'Job' ? [`${o.metadata.namespace}/${ref.name}`] : [];
        },
      },
    ],
    reconcile: (key, cx) => syncJob(key, cx),
  };
}

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const indexOf = (p: Pod) => {
  const v = p.metadata.annotations?.[COMPLETION_INDEX];
  return v === undefined ? -1 : Number(v);
};

function condition(type: string, reason: string, message: string, now: string): Condition {
  return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** "0-2,4": the succeeded indexes as ranges (completedIndexes). */
export function formatIndexes(xs: Iterable<number>): string {
  const s = [...new Set(xs)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    out.push(j > i ? `${s[i]}-${s[j]}` : String(s[i]));
    i = j + 1;
  }
  return out.join(',');
}

function parseIndexes(s: string | undefined): number[] {
  if (!s) return [];
  return s.split(',').flatMap((r) => {
    const [a, b] = r.split('-').map(Number);
    return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
  });
}

function podForJob(job: Job, index: number | undefined, cx: ReconcileContext): Pod {
  const t = job.spec.template;
  const name = job.metadata.name!;
  const ref: OwnerReference = { apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata.uid!, controller: true, blockOwnerDeletion: true };
  const spec = structuredClone(t.spec);
  const meta: Pod['metadata'] = {
    generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
    namespace: job.metadata.namespace!,
    labels: { ...(t.metadata?.labels ?? {}) },
    ownerReferences: [ref],
    finalizers: [...(t.metadata?.finalizers ?? []), TRACKING_FINALIZER],
  };
  if (t.metadata?.annotations) meta.annotations = { ...t.metadata.annotations };
  if (index !== undefined) {
    meta.annotations = { ...(meta.annotations ?? {}), [COMPLETION_INDEX]: String(index) };
    meta.labels![COMPLETION_INDEX] = String(index);
    spec.hostname ??= `${name}-${index}`;
    const inject = (c: Container) => {
      c.env = [...(c.env ?? []).filter((e) => e.name !== 'JOB_COMPLETION_INDEX'),
        { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${COMPLETION_INDEX}']` } } }];
    };
    spec.containers.forEach(inject);
    spec.initContainers?.forEach(inject);
  }
  void cx;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec };
}

function syncJob(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const job = cx.api.tryGet<Job>('jobs.batch', namespace, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const ns = job.metadata.namespace!;
  const uid = job.metadata.uid!;
  const now = cx.clock.now();
  const nowStr = cx.clock.nowRFC3339();
  const pods = listOwnedBy<Pod>(cx.api, 'pods', ns, uid).filter((p) => controllerOf(p)?.uid === uid);
  const prev = job.status ?? {};
  const status: JobStatus = structuredClone(prev);
  let conds = [...(status.conditions ?? [])];
  const finished = jobFinished(job);

  // Count terminal pods that still carry the tracking finalizer, then let them go.
  const indexed = job.spec.completionMode === 'Indexed';
  const completed = new Set(parseIndexes(status.completedIndexes));
  let lastFailureAt: number | undefined;
  const newlyCounted: Pod[] = [];
  for (const p of pods) {
    if (p.metadata.finalizers?.includes(TRACKING_FINALIZER) && (isTerminal(p) || p.metadata.deletionTimestamp && !isTerminal(p) && finished)) {
      if (p.status?.phase === 'Succeeded') {
        if (!indexed || !completed.has(indexOf(p))) status.succeeded = (status.succeeded ?? 0) + 1;
        if (indexed) completed.add(indexOf(p));
      } else status.failed = (status.failed ?? 0) + 1;
      newlyCounted.push(p);
    }
    if (p.status?.phase === 'Failed') {
      const t = parseTime(p.status.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? undefined) ?? parseTime(p.metadata.creationTimestamp) ?? now;
      lastFailureAt = Math.max(lastFailureAt ?? 0, t);
    }
  }
  if (indexed && completed.size) status.completedIndexes = formatIndexes(completed);

  let active = pods.filter((p) => !isTerminal(p) && !p.metadata.deletionTimestamp);
  const terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length;
  let requeue: number | undefined;

  const deleteActive = () => {
    for (const p of active) {
      cx.api.delete('pods', ns, p.metadata.name!);
      cx.events.record(job, { component: NAME }, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
    }
    active = [];
  };

  if (!finished) {
    if (!job.spec.suspend && !status.startTime) status.startTime = nowStr;
    const succeeded = status.succeeded ?? 0;
    const failed = status.failed ?? 0;
    const completions = job.spec.completions;
    const parallelism = job.spec.parallelism ?? 1;
    const backoffLimit = job.spec.backoffLimit ?? 6;
    const hasTarget = conds.some((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
    let failure: [string, string] | undefined;
    const restarts = active.reduce((n, p) => n + [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].reduce((m, c) => m + (c.restartCount ?? 0), 0), 0);
    const onFailure = job.spec.template.spec.restartPolicy === 'OnFailure';
    if (failed > backoffLimit || (onFailure && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit)))
      failure = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'];
    else if (job.spec.activeDeadlineSeconds !== undefined && status.startTime) {
      const deadline = (parseTime(status.startTime) ?? now) + job.spec.activeDeadlineSeconds * 1000;
      if (now >= deadline) failure = ['DeadlineExceeded', 'Job was active longer than specified deadline'];
      else requeue = deadline - now;
    }
    const done = indexed || completions !== undefined ? succeeded >= (completions ?? 1) : succeeded > 0 && active.length === 0;

    if (failure && !hasTarget) {
      conds.push(condition('FailureTarget', failure[0], failure[1], nowStr));
      cx.events.record(job, { component: NAME }, 'Warning', failure[0], failure[1]);
      deleteActive();
    } else if (done && !hasTarget) {
      conds.push(condition('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', nowStr));
      deleteActive();
    } else if (!hasTarget && job.spec.suspend) {
      deleteActive();
      if (!conds.some((c) => c.type === 'Suspended' && c.status === 'True')) {
        conds = conds.filter((c) => c.type !== 'Suspended');
        conds.push(condition('Suspended', 'JobSuspended', 'Job suspended', nowStr));
        cx.events.record(job, { component: NAME }, 'Normal', 'Suspended', 'Job suspended');
      }
    } else if (!hasTarget) {
      const wasSuspended = conds.find((c) => c.type === 'Suspended' && c.status === 'True');
      if (wasSuspended) {
        conds = conds.map((c) => (c.type === 'Suspended' ? { ...c, status: 'False', reason: 'JobResumed', message: 'Job resumed', lastTransitionTime: nowStr, lastProbeTime: nowStr } : c));
        cx.events.record(job, { component: NAME }, 'Normal', 'Resumed', 'Job resumed');
      }
      // Pod-creation back-off after failures: 10 s doubling (from the newest failure).
      const wait = failed > 0 && lastFailureAt !== undefined
        ? Math.min(BACKOFF_INITIAL_MS * 2 ** (failed - 1), BACKOFF_MAX_MS) - (now - lastFailureAt)
        : 0;
      const want = completions === undefined && !indexed
        ? (succeeded > 0 ? active.length : parallelism)
        : Math.max(0, Math.min(parallelism, (completions ?? 1) - succeeded));
      if (active.length < want && wait > 0) {
        requeue = requeue === undefined ? wait : Math.min(requeue, wait);
      } else if (active.length < want) {
        const indexes: (number | undefined)[] = [];
        if (indexed) {
          const busy = new Set(active.map(indexOf));
          for (let i = 0; i < (completions ?? 1) && indexes.length < want - active.length; i++) if (!completed.has(i) && !busy.has(i)) indexes.push(i);
        } else for (let i = active.length; i < want; i++) indexes.push(undefined);
        for (const i of indexes) {
          const pod = cx.api.create<Pod>('pods', ns, podForJob(job, i, cx)).object;
          cx.events.record(job, { component: NAME }, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          active.push(pod);
        }
      } else if (active.length > want) {
        const extra = [...active].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, active.length - want);
        for (const p of extra) {
          cx.api.delete('pods', ns, p.metadata.name!);
          cx.events.record(job, { component: NAME }, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
        }
        active = active.filter((p) => !extra.includes(p));
      }
    }
    // The terminal condition follows its interim one once no pod is left running.
    const target = conds.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
    if (target && active.length === 0 && terminating === 0) {
      if (target.type === 'SuccessCriteriaMet') {
        conds.push(condition('Complete', target.reason!, target.message!, nowStr));
        status.completionTime = nowStr;
        cx.events.record(job, { component: NAME }, 'Normal', 'Completed', 'Job completed');
      } else conds.push(condition('Failed', target.reason!, target.message!, nowStr));
    }
  }

  status.active = active.length || undefined;
  if (status.active === undefined) delete status.active;
  status.ready = active.filter(isPodReady).length;
  status.terminating = terminating;
  status.uncountedTerminatedPods = {};
  if (conds.length) status.conditions = conds;
  const ordered = orderStatus(status);
  if (JSON.stringify(ordered) !== JSON.stringify(prev)) {
    const next = structuredClone(job) as KubeObject;
    next['status'] = ordered;
    cx.api.updateStatus('jobs.batch', next);
  }
  for (const p of newlyCounted) {
    const cur = cx.api.tryGet<Pod>('pods', ns, p.metadata.name!);
    if (!cur || cur.metadata.uid !== p.metadata.uid) continue;
    const next = structuredClone(cur);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== TRACKING_FINALIZER);
    if (!next.metadata.finalizers.length) delete next.metadata.finalizers;
    cx.api.update('pods', next);
  }
  return requeue !== undefined ? { requeueAfter: requeue } : undefined;
}

/** Status keys in the order the API server's JSON has them (struct field order). */
function orderStatus(s: JobStatus): JobStatus {
  const out: Record<string, unknown> = {};
  for (const k of ['conditions', 'startTime', 'completionTime', 'active', 'succeeded', 'failed', 'terminating', 'completedIndexes', 'failedIndexes', 'uncountedTerminatedPods', 'ready'] as const)
    if ((s as Record<string, unknown>)[k] !== undefined) out[k] = (s as Record<string, unknown>)[k];
  return out as JobStatus;
}

/** When a finished Job finished (its Complete/Failed condition), for the TTL controller. */
export function finishedAt(j: Job): number | undefined {
  const c = j.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return parseTime(c?.lastTransitionTime ?? undefined);
}
