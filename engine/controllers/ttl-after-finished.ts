// The TTL-after-finished controller (pkg/controller/ttlafterfinished): deletes a finished Job
// (with its pods, in the background) ttlSecondsAfterFinished after its Complete/Failed condition.
import { splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { finishedAt, jobFinished, type Job } from './job.ts';

export const NAME = 'ttl-after-finished-controller';

export function createTTLAfterFinishedController(): Controller {
  return {
    name: NAME,
    watches: [{ resource: 'jobs.batch' }],
    reconcile: (key, cx) => sync(key, cx),
  };
}

function sync(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const job = cx.api.tryGet<Job>('jobs.batch', namespace, name);
  if (!job || job.metadata.deletionTimestamp || job.spec.ttlSecondsAfterFinished === undefined || !jobFinished(job)) return;
  const at = finishedAt(job);
  if (at === undefined) return;
  const expire = at + job.spec.ttlSecondsAfterFinished * 1000;
  if (cx.clock.now() < expire) return { requeueAfter: expire - cx.clock.now() };
  cx.api.delete('jobs.batch', namespace, name, { propagationPolicy: 'Background', uid: job.metadata.uid! });
}
