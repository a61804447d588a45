import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { mostRecentSchedule } from '../../../engine/controllers/cronjob.ts';
import { loadCronParser } from '../../../engine/controllers/cron-parser-loader.ts';
import { formatIndexes } from '../../../engine/controllers/job.ts';
import { cluster, messages, pods } from '../cluster/fixtures.ts';

function job(name: string, spec: Record<string, unknown>, command: string[]): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [{ name, image: 'busybox:1.36', command }] } } },
  } as unknown as KubeObject;
}

const conditions = (o: KubeObject) => ((o['status'] as { conditions?: { type: string; reason: string; message: string }[] }).conditions ?? []).map((c) => `${c.type}/${c.reason}: ${c.message}`);

describe('job controller', () => {
  it('runs completions with parallelism and completes with SuccessCriteriaMet then Complete', () => {
    const e = cluster();
    e.api.create('jobs.batch', 'default', job('count', { completions: 3, parallelism: 2 }, ['sh', '-c', 'sleep 5']));
    e.advance(2000);
    expect(pods(e).filter((p) => p.status?.phase !== 'Succeeded')).to.have.length(2);
    e.settle();
    const j = e.api.get('jobs.batch', 'default', 'count');
    expect(conditions(j)).to.deep.equal([
      'SuccessCriteriaMet/CompletionsReached: Reached expected number of succeeded pods',
      'Complete/CompletionsReached: Reached expected number of succeeded pods',
    ]);
    expect(j['status']).to.include({ succeeded: 3, ready: 0, terminating: 0 });
    const ps = pods(e);
    expect(ps).to.have.length(3);
    for (const p of ps) {
      expect(p.metadata.labels).to.include({ 'batch.kubernetes.io/job-name': 'count', 'job-name': 'count' });
      expect(p.metadata.finalizers ?? []).to.deep.equal([]);
    }
    expect(messages(e, 'count').sort()).to.deep.equal(['Completed: Job completed', ...ps.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort()]);
  });

  it('retries failed pods after 10 s then 20 s and fails at the backoffLimit', () => {
    const e = cluster();
    e.api.create('jobs.batch', 'default', job('fail', { backoffLimit: 2 }, ['sh', '-c', 'exit 3']));
    e.settle();
    const ps = pods(e).sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
    expect(ps).to.have.length(3);
    const t = ps.map((p) => Date.parse(p.metadata.creationTimestamp!));
    expect(Math.round((t[1]! - t[0]!) / 1000)).to.be.within(10, 12);
    expect(Math.round((t[2]! - t[1]!) / 1000)).to.be.within(20, 22);
    const j = e.api.get('jobs.batch', 'default', 'fail');
    expect(conditions(j)).to.deep.equal([
      'FailureTarget/BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed/BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(messages(e, 'fail')).to.include('BackoffLimitExceeded: Job has reached the specified backoff limit');
  });

  it('Indexed mode names pods <job>-<index>- and records completedIndexes', () => {
    const e = cluster();
    e.api.create('jobs.batch', 'default', job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }, ['sh', '-c', 'echo $JOB_COMPLETION_INDEX']));
    e.settle();
    const names = pods(e).map((p: Pod) => p.metadata.name!.replace(/-[a-z0-9]{5}$/, '')).sort();
    expect(names).to.deep.equal(['idx-0', 'idx-1', 'idx-2']);
    expect((e.api.get('jobs.batch', 'default', 'idx')['status'] as Record<string, unknown>)['completedIndexes']).to.equal('0-2');
    expect(formatIndexes([0, 1, 2, 4, 6, 7])).to.equal('0-2,4,6-7');
  });
});

describe('cronjob controller', () => {
  before(() => loadCronParser());

  it('creates <name>-<minutes since epoch> each minute and keeps 3 successful jobs', () => {
    const e = cluster();
    e.api.create('cronjobs.batch', 'default', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'hello' },
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36', command: ['echo', 'hi'] }] } } } } },
    } as unknown as KubeObject);
    e.advance(5 * 60_000 + 30_000);
    const jobs = e.store.list('jobs.batch', 'default').map((j) => j.metadata.name).sort();
    const minute = Math.floor(e.clock.now() / 60_000);
    expect(jobs).to.deep.equal([minute - 2, minute - 1, minute].map((m) => `hello-${m}`));
    const msgs = messages(e, 'hello');
    expect(msgs).to.include(`SuccessfulCreate: Created job hello-${minute}`);
    expect(msgs).to.include(`SawCompletedJob: Saw completed job: hello-${minute - 1}, status: Complete`);
    expect(msgs).to.include(`SuccessfulDelete: Deleted job hello-${minute - 3}`);
  });

  it('finds the most recent schedule time in a window', () => {
    const base = Date.UTC(2025, 0, 1);
    expect(mostRecentSchedule('*/5 * * * *', undefined, base, base + 12 * 60_000)).to.deep.equal({ last: base + 10 * 60_000, missed: 2, next: base + 15 * 60_000 });
    expect(mostRecentSchedule('@hourly', undefined, base, base + 60_000)).to.deep.equal({ missed: 0, next: base + 3_600_000 });
  });
});

describe('statefulset controller', () => {
  it('creates web-0..2 in order with one bound PVC each', () => {
    const e = cluster();
    e.api.create('statefulsets.apps', 'default', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx', replicas: 3, selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    } as unknown as KubeObject);
    e.settle();
    const ps = pods(e).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    expect(ps.map((p) => p.metadata.name)).to.deep.equal(['web-0', 'web-1', 'web-2']);
    expect(ps[1]!.spec.hostname).to.equal('web-1');
    expect(ps[1]!.spec.subdomain).to.equal('nginx');
    expect(ps[1]!.metadata.labels).to.include({ 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' });
    // OrderedReady: each pod is created only after the previous one is Running and Ready.
    const created = ps.map((p) => Date.parse(p.metadata.creationTimestamp!));
    expect(created[0]! < created[1]! && created[1]! < created[2]!).to.equal(true);
    const claims = e.store.list('persistentvolumeclaims', 'default');
    expect(claims.map((c) => `${c.metadata.name} ${(c['status'] as { phase: string }).phase}`).sort()).to.deep.equal(['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound']);
    for (const c of claims) expect((c['spec'] as { volumeName: string }).volumeName).to.equal(`pvc-${c.metadata.uid}`);
    expect(messages(e, 'web').slice(0, 2)).to.deep.equal([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    ]);
    expect(messages(e, 'www-web-0')[0]).to.equal('WaitForFirstConsumer: waiting for first consumer to be created before binding');
  });
});
