// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go) on the virtual clock:
// tracks its Jobs in status.active, notices finished ones (SawCompletedJob), starts a Job named
// `<cronjob>-<scheduled time in minutes since the epoch>` at each schedule time (cron-parser)
// honouring suspend, startingDeadlineSeconds and concurrencyPolicy, and keeps only
// successfulJobsHistoryLimit / failedJobsHistoryLimit finished Jobs.
import { cronExpressionParser, cronParserLoaded, loadCronParser } from './cron-parser-loader.ts';
import type { Condition, KubeObject } from '../api/meta.ts';
import { ApiError } from '../apiserver/status.ts';
import { parseTime, rfc3339 } from '../time/clock.ts';
import { controllerOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { jobFinished, type Job, type JobSpec } from './job.ts';
import { listOwnedBy } from './listers.ts';

export const NAME = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleDelta: the controller wakes 100 ms after the schedule time. */
const NEXT_SCHEDULE_DELTA_MS = 100;
const SCHEDULE_TIMER = 'schedule';

interface CronJobSpec {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: JobSpec };
}

interface ObjectReference {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  resourceVersion: string;
  uid: string;
}

interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

type CronJob = KubeObject & { spec: CronJobSpec; status?: CronJobStatus };

export function createCronJobController(): Controller {
  return {
    name: NAME,
    watches: [
      { resource: 'cronjobs.batch' },
      {
        resource: 'jobs.batch',
        map: (o) => {
          const ref = controllerOf(o);
          return ref?.kind === 'CronJob' ? [`${o.metadata.namespace}/${ref.name}`] : [];
        },
      },
    ],
    reconcile: (key, cx) => sync(key, cx),
  };
}

/** Schedule times strictly after `from` and at most `to` (the last one, and how many). */
export function mostRecentSchedule(schedule: string, tz: string | undefined, from: number, to: number): { last?: number; missed: number; next: number } {
  const it = cronExpressionParser().parse(schedule, { currentDate: new Date(from), tz: tz ?? 'UTC' });
  let last: number | undefined;
  let missed = 0;
  for (;;) {
    const t = it.next().getTime();
    if (t > to) return last === undefined ? { missed, next: t } : { last, missed, next: t };
    last = t;
    if (++missed > 100) {
      // Too many missed starts: jump to the latest one directly (upstream reports and proceeds).
      const back = cronExpressionParser().parse(schedule, { currentDate: new Date(to + 1), tz: tz ?? 'UTC' });
      const latest = back.prev().getTime();
      const next = cronExpressionParser().parse(schedule, { currentDate: new Date(to), tz: tz ?? 'UTC' }).next().getTime();
      return { last: latest, missed, next };
    }
  }
}

const finishedTime = (j: Job) => parseTime(j.status?.conditions?.find((c: Condition) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.lastTransitionTime ?? undefined);

function sync(key: string, cx: ReconcileContext): Result {
  if (!cronParserLoaded()) {
    // Only a tab that restored CronJobs before the parser arrived gets here: try again shortly.
    void loadCronParser();
    return { requeueAfter: 1000 };
  }
  const { namespace, name } = splitKey(key);
  const cj = cx.api.tryGet<CronJob>('cronjobs.batch', namespace, name);
  if (!cj) return;
  const ns = cj.metadata.namespace!;
  const now = cx.clock.now();
  const src = { component: NAME };
  const jobs = listOwnedBy<Job>(cx.api, 'jobs.batch', ns, cj.metadata.uid!).filter((j) => controllerOf(j)?.uid === cj.metadata.uid);
  const prev = cj.status ?? {};
  const status: CronJobStatus = structuredClone(prev);
  let active = [...(status.active ?? [])];

  const byUid = new Map(jobs.map((j) => [j.metadata.uid, j]));
  for (const ref of [...active]) {
    if (!byUid.has(ref.uid)) {
      cx.events.record(cj, src, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      active = active.filter((r) => r.uid !== ref.uid);
    }
  }
  for (const j of jobs) {
    const inActive = active.some((r) => r.uid === j.metadata.uid);
    const fin = jobFinished(j);
    if (inActive && fin) {
      cx.events.record(cj, src, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${fin}`);
      active = active.filter((r) => r.uid !== j.metadata.uid);
    } else if (!inActive && !fin && !j.metadata.deletionTimestamp) {
      cx.events.record(cj, src, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      active.push(refOf(j));
    }
    if (fin === 'Complete' && j.status?.completionTime && (!status.lastSuccessfulTime || j.status.completionTime > status.lastSuccessfulTime))
      status.lastSuccessfulTime = j.status.completionTime;
  }

  let nextAt: number | undefined;
  if (!cj.metadata.deletionTimestamp && !cj.spec.suspend) {
    let earliest = parseTime(status.lastScheduleTime ?? cj.metadata.creationTimestamp) ?? now;
    if (cj.spec.startingDeadlineSeconds !== undefined) earliest = Math.max(earliest, now - cj.spec.startingDeadlineSeconds * 1000);
    const { last, missed, next } = mostRecentSchedule(cj.spec.schedule, cj.spec.timeZone, earliest, now);
    nextAt = next;
    if (missed > 100)
      cx.events.record(cj, src, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    const jobName = last === undefined ? '' : `${name}-${Math.floor(last / 60_000)}`;
    if (last !== undefined && !active.some((r) => r.name === jobName)) {
      const policy = cj.spec.concurrencyPolicy ?? 'Allow';
      if (policy === 'Forbid' && active.length > 0) {
        cx.events.record(cj, src, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      } else {
        if (policy === 'Replace')
          for (const ref of active) {
            deleteJob(cx, cj, ns, ref.name!);
            active = active.filter((r) => r.uid !== ref.uid);
          }
        try {
          const job = cx.api.create<Job>('jobs.batch', ns, jobFromTemplate(cj, jobName, last, cx)).object;
          cx.events.record(cj, src, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
          active.push(refOf(job));
          status.lastScheduleTime = rfc3339(last);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          if (e.status.reason !== 'AlreadyExists') {
            cx.events.record(cj, src, 'Warning', 'FailedCreate', `Error creating job: ${e.status.message}`);
            throw e;
          }
          status.lastScheduleTime = rfc3339(last);
        }
      }
    }
  }

  if (active.length) status.active = active;
  else delete status.active;
  if (JSON.stringify(status) !== JSON.stringify(prev)) {
    const next = structuredClone(cj) as KubeObject;
    next['status'] = status;
    cx.api.updateStatus('cronjobs.batch', next);
  }
  cleanupFinished(cx, cj, ns);

  // The next run is a background timer: a schedule never "settles".
  cx.cancel(key, SCHEDULE_TIMER);
  if (nextAt !== undefined) cx.schedule(nextAt - now + NEXT_SCHEDULE_DELTA_MS, key, SCHEDULE_TIMER, true);
}

function refOf(j: Job): ObjectReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name!, namespace: j.metadata.namespace!, resourceVersion: j.metadata.resourceVersion!, uid: j.metadata.uid! };
}

function jobFromTemplate(cj: CronJob, name: string, scheduled: number, cx: ReconcileContext): Job {
  const t = cj.spec.jobTemplate;
  void cx;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace!,
      labels: { ...(t.metadata?.labels ?? {}) },
      annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339(scheduled) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: structuredClone(t.spec),
  };
}

function deleteJob(cx: ReconcileContext, cj: CronJob, ns: string, name: string): void {
  try {
    cx.api.delete('jobs.batch', ns, name, { propagationPolicy: 'Background' });
    cx.events.record(cj, { component: NAME }, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status.reason !== 'NotFound') throw e;
  }
}

/** cleanupFinishedJobs: keep the newest N successful and M failed Jobs (by start time). */
function cleanupFinished(cx: ReconcileContext, cj: CronJob, ns: string): void {
  const jobs = listOwnedBy<Job>(cx.api, 'jobs.batch', ns, cj.metadata.uid!).filter((j) => controllerOf(j)?.uid === cj.metadata.uid && !j.metadata.deletionTimestamp);
  const start = (j: Job) => j.status?.startTime ?? j.metadata.creationTimestamp ?? '';
  for (const [kind, limit] of [['Complete', cj.spec.successfulJobsHistoryLimit ?? 3], ['Failed', cj.spec.failedJobsHistoryLimit ?? 1]] as const) {
    const done = jobs.filter((j) => jobFinished(j) === kind).sort((a, b) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : (finishedTime(a) ?? 0) - (finishedTime(b) ?? 0)));
    for (const j of done.slice(0, Math.max(0, done.length - limit))) deleteJob(cx, cj, ns, j.metadata.name!);
  }
}
