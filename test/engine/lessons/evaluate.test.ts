import { expect } from '@open-wc/testing';
import { Engine } from '../../../engine/engine.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { parseCheck, type Check } from '../../../engine/lessons/check.ts';
import { COMMAND_HISTORY_RECORD, evaluateCheck, evaluateLesson } from '../../../engine/lessons/evaluate.ts';
import { parseLesson } from '../../../engine/lessons/parse.ts';
import { serviceUnavailable } from '../../../engine/apiserver/status.ts';

function boot(): Engine {
  const e = new Engine({ seed: 1 });
  for (const name of ['default', 'kube-system', 'demo']) e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return e;
}

function deployment(name: string, replicas: number, image = 'nginx'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } },
    },
  };
}

/** A pod in a phase (Running pods are Ready unless said otherwise), as a kubelet would report it. */
function pod(e: Engine, name: string, phase: string, opts: { ready?: boolean; node?: string; labels?: Record<string, string> } = {}): KubeObject {
  const { object } = e.api.create<KubeObject>('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: opts.labels ?? { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...(opts.node ? { nodeName: opts.node } : {}) },
  });
  const ready = opts.ready ?? phase === 'Running';
  const next = structuredClone(object);
  next['status'] = { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] };
  return e.api.updateStatus('pods', next).object;
}

/** Parses a check the way a lesson's check block gives it. */
function check(raw: Record<string, unknown>): Check {
  return parseCheck({ title: 'the check', ...raw }, 'test');
}

function run(e: Engine, raw: Record<string, unknown>) {
  return evaluateCheck(check(raw), e);
}

describe('evaluateCheck', () => {
  describe('exists', () => {
    it('finds a named object, and says kindly when it is missing', () => {
      const e = boot();
      expect(run(e, { exists: { kind: 'Deployment', name: 'web' } })).to.deep.equal({ title: 'the check', passed: false, detail: 'No Deployment named web yet' });
      e.api.create('deployments.apps', 'default', deployment('web', 3));
      expect(run(e, { exists: { kind: 'Deployment', name: 'web' } })).to.deep.equal({ title: 'the check', passed: true });
      expect(run(e, { exists: { kind: 'Deployment', name: 'web', namespace: 'demo' } }).detail).to.equal('No Deployment named web in namespace demo yet');
    });

    it('matches a partial object (kuttl semantics) and names the first difference', () => {
      const e = boot();
      e.api.create('deployments.apps', 'default', deployment('web', 3));
      expect(run(e, { exists: { kind: 'Deployment', name: 'web', match: { spec: { replicas: 3, template: { spec: { containers: [{ image: 'nginx' }] } } } } } }).passed).to.equal(true);
      expect(run(e, { exists: { kind: 'Deployment', name: 'web', match: { spec: { replicas: 5 } } } }).detail).to.equal('Deployment web: spec.replicas is 3, expected 5');
      expect(run(e, { exists: { kind: 'Deployment', name: 'web', match: { spec: { paused: true } } } }).detail).to.equal('Deployment web: spec.paused is not set (expected true)');
      // Arrays match element by element and must have the same length.
      expect(run(e, { exists: { kind: 'Deployment', name: 'web', match: { spec: { template: { spec: { containers: [{}, {}] } } } } } }).passed).to.equal(false);
    });

    it('without a name, any object with the labels that matches passes', () => {
      const e = boot();
      expect(run(e, { exists: { kind: 'ReplicaSet', labels: { app: 'web' } } }).detail).to.equal('No ReplicaSet with labels app=web yet');
      pod(e, 'web-1', 'Pending');
      pod(e, 'web-2', 'Running', { node: 'sandbox-worker' });
      pod(e, 'db-1', 'Running', { labels: { app: 'db' }, node: 'sandbox-worker2' });
      expect(run(e, { exists: { kind: 'Pod', labels: { app: 'web' }, match: { spec: { nodeName: 'sandbox-worker' } } } }).passed).to.equal(true);
      expect(run(e, { exists: { kind: 'Pod', labels: { app: 'web' }, match: { spec: { nodeName: 'sandbox-worker2' } } } }).detail).to.equal(
        'None of the 2 pods matches yet (Pod web-1: spec.nodeName is not set (expected sandbox-worker2))',
      );
    });
  });

  describe('notExists', () => {
    it('passes while nothing matches, and names what is still there', () => {
      const e = boot();
      const onCp = { kind: 'Pod', labels: 'app=web', match: { spec: { nodeName: 'sandbox-control-plane' } } };
      expect(run(e, { notExists: onCp }).passed).to.equal(true);
      pod(e, 'web-1', 'Running', { node: 'sandbox-worker' });
      expect(run(e, { notExists: onCp }).passed).to.equal(true);
      pod(e, 'web-2', 'Running', { node: 'sandbox-control-plane' });
      expect(run(e, { notExists: onCp }).detail).to.equal('Pod web-2 still exists');
      expect(run(e, { notExists: { kind: 'Pod', labels: 'app=web' } }).detail).to.equal('Pod web-1, web-2 still exist');
    });

    it('says when the named object is still being deleted', () => {
      const e = boot();
      pod(e, 'web-1', 'Running', { node: 'sandbox-worker' });
      e.api.delete('pods', 'default', 'web-1');
      expect(run(e, { notExists: { kind: 'Pod', name: 'web-1' } }).detail).to.equal('Pod web-1 still exists (being deleted)');
      e.api.delete('pods', 'default', 'web-1', { gracePeriodSeconds: 0 });
      expect(run(e, { notExists: { kind: 'Pod', name: 'web-1' } }).passed).to.equal(true);
    });
  });

  describe('jsonpath', () => {
    it('compares the printed value with equals', () => {
      const e = boot();
      const c = { jsonpath: { kind: 'Deployment', name: 'web', path: '{.spec.replicas}', equals: 5 } };
      expect(run(e, c).detail).to.equal('No Deployment named web yet');
      e.api.create('deployments.apps', 'default', deployment('web', 3));
      expect(run(e, c).detail).to.equal('Deployment web: {.spec.replicas} is 3, expected 5');
      e.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 5 } });
      expect(run(e, c).passed).to.equal(true);
      expect(run(e, { jsonpath: { kind: 'Deployment', name: 'web', path: '{.spec.strategy.type}', equals: 'Recreate' } }).detail).to.match(
        /^Deployment web(: \{\.spec\.strategy\.type\} is RollingUpdate, expected Recreate| has no \{\.spec\.strategy\.type\} yet)$/,
      );
    });

    it('tests the printed value against a regular expression with matches', () => {
      const e = boot();
      e.api.create('deployments.apps', 'default', deployment('web', 1, 'nginx:1.27'));
      const c = (re: string) => ({ jsonpath: { kind: 'deploy', name: 'web', path: '{.spec.template.spec.containers[*].image}', matches: re } });
      expect(run(e, c('^nginx:1\\.2[67]$')).passed).to.equal(true);
      expect(run(e, c('^httpd')).detail).to.equal('Deployment web: {.spec.template.spec.containers[*].image} is nginx:1.27, which does not match ^httpd');
    });
  });

  describe('count', () => {
    it('counts pods in a phase and reports how far along they are', () => {
      const e = boot();
      const c = { count: { kind: 'Pod', labels: { app: 'web' }, phase: 'Running', min: 5 } };
      expect(run(e, c).detail).to.equal('0 of 5 pods Running with app=web');
      for (let i = 0; i < 3; i++) pod(e, `web-${i}`, 'Running', { node: 'sandbox-worker' });
      pod(e, 'web-p', 'Pending');
      pod(e, 'other', 'Running', { labels: { app: 'db' } });
      expect(run(e, c).detail).to.equal('3 of 5 pods Running with app=web');
      pod(e, 'web-3', 'Running');
      pod(e, 'web-4', 'Running');
      expect(run(e, c).passed).to.equal(true);
    });

    it('supports equals, max and ready, and ignores pods being deleted', () => {
      const e = boot();
      pod(e, 'web-0', 'Running', { node: 'sandbox-worker' });
      pod(e, 'web-1', 'Running', { node: 'sandbox-worker', ready: false });
      pod(e, 'web-2', 'Running', { node: 'sandbox-worker' });
      expect(run(e, { count: { phase: 'Running', equals: 2 } }).detail).to.equal('3 pods Running, expected exactly 2');
      expect(run(e, { count: { phase: 'Running', ready: true, equals: 2 } }).passed).to.equal(true);
      expect(run(e, { count: { ready: false, min: 2 } }).detail).to.equal('1 of 2 pods not Ready');
      expect(run(e, { count: { max: 2 } }).detail).to.equal('3 pods, expected at most 2');
      e.api.delete('pods', 'default', 'web-2'); // graceful: Terminating, still listed
      expect(e.api.tryGet('pods', 'default', 'web-2')).to.not.equal(undefined);
      expect(run(e, { count: { phase: 'Running', equals: 2 } }).passed).to.equal(true);
      expect(run(e, { count: { kind: 'Deployment', equals: 0 } }).passed).to.equal(true);
      expect(run(e, { count: { phase: 'Running', ready: false, equals: 0 } }).detail).to.equal('1 pod Running and not Ready, expected exactly 0');
      expect(run(e, { count: { phase: 'Succeeded', min: 1 } }).detail).to.equal('0 of 1 pod Succeeded');
    });
  });

  describe('event', () => {
    it('finds an event by reason, kind, name prefix and message, summing counts', () => {
      const e = boot();
      const rs = e.api.create('replicasets.apps', 'default', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web-7c5ddbdf54' },
        spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      }).object;
      const c = { event: { reason: 'SuccessfulCreate', involvedKind: 'ReplicaSet', namePrefix: 'web-', min: 3 } };
      expect(run(e, c).detail).to.equal('No SuccessfulCreate event for a ReplicaSet named web-… yet');
      e.events.record(rs, { component: 'replicaset-controller' }, 'Normal', 'SuccessfulCreate', 'Created pod: web-7c5ddbdf54-x2kqp');
      e.events.record(rs, { component: 'replicaset-controller' }, 'Normal', 'SuccessfulCreate', 'Created pod: web-7c5ddbdf54-abcde');
      expect(run(e, c).detail).to.equal('2 of 3 SuccessfulCreate events for a ReplicaSet named web-… so far');
      // An identical repeat is aggregated into count: 2, and still counts twice.
      e.events.record(rs, { component: 'replicaset-controller' }, 'Normal', 'SuccessfulCreate', 'Created pod: web-7c5ddbdf54-abcde');
      expect(e.api.list('events', 'default')).to.have.length(2);
      expect(run(e, c).passed).to.equal(true);
      expect(run(e, { event: { reason: 'SuccessfulCreate', message: 'x2kqp$' } }).passed).to.equal(true);
      expect(run(e, { event: { reason: 'SuccessfulCreate', message: 'zzzzz$' } }).passed).to.equal(false);
      expect(run(e, { event: { reason: 'SuccessfulCreate', type: 'Warning' } }).passed).to.equal(false);
      expect(run(e, { event: { reason: 'SuccessfulCreate', involvedKind: 'Pod' } }).detail).to.equal('No SuccessfulCreate event for a Pod yet');
      expect(run(e, { event: { reason: 'SuccessfulCreate', namespace: 'demo' } }).passed).to.equal(false);
      expect(run(e, { event: { reason: 'SuccessfulCreate', name: 'web-7c5ddbdf54' } }).passed).to.equal(true);
      expect(run(e, { event: { reason: 'SuccessfulCreate', involvedKind: 'ReplicaSet', name: 'web' } }).detail).to.equal('No SuccessfulCreate event for a ReplicaSet named web yet');
    });
  });

  describe('commandUsed', () => {
    it('matches any command line in the history record', () => {
      const e = boot();
      const c = { commandUsed: { pattern: 'kubectl scale .*--replicas[= ]5', example: 'kubectl scale deployment web --replicas=5' } };
      expect(run(e, c).detail).to.equal("You haven't run `kubectl scale deployment web --replicas=5` yet");
      e.store.setRecord(COMMAND_HISTORY_RECORD, ['kubectl get pods', 'kubectl scale deploy/web --replicas 4']);
      expect(run(e, c).passed).to.equal(false);
      expect(run(e, { commandUsed: { pattern: '^kubectl get' } }).passed).to.equal(true);
      e.store.setRecord(COMMAND_HISTORY_RECORD, ['kubectl get pods', 'kubectl scale deploy/web --replicas 5']);
      expect(run(e, c).passed).to.equal(true);
      expect(run(e, { commandUsed: { pattern: 'kubectl logs' } }).detail).to.equal("You haven't run a matching command yet");
    });
  });

  it('turns an unavailable API server into a failing check, not a crash', () => {
    const e = boot();
    e.api.availability = () => serviceUnavailable('the server is currently unable to handle the request');
    const r = run(e, { exists: { kind: 'Deployment', name: 'web' } });
    expect(r.passed).to.equal(false);
    expect(r.detail).to.contain('The cluster did not answer');
  });

  it('never writes to the cluster', () => {
    const e = boot();
    pod(e, 'web-0', 'Running');
    const rv = e.store.resourceVersion();
    run(e, { exists: { kind: 'Pod', labels: 'app=web', match: { status: { phase: 'Running' } } } });
    run(e, { count: { phase: 'Running' } });
    run(e, { event: { reason: 'Scheduled' } });
    expect(e.store.resourceVersion()).to.equal(rv);
    expect(e.store.takeDirty().records.size).to.equal(0);
  });
});

describe('evaluateLesson', () => {
  it('reports every check per step, each step passing only when all its checks pass', () => {
    const markdown = `---
id: 01-t
title: T
summary: S
minutes: 1
level: beginner
---
## Step: Create
\`\`\`check
- title: A Deployment named web exists
  exists: {kind: Deployment, name: web}
- title: It has 2 replicas
  jsonpath: {kind: Deployment, name: web, path: "{.spec.replicas}", equals: "2"}
\`\`\`
## Step: Look
\`\`\`check
- title: You listed the pods
  commandUsed: {pattern: "kubectl get (po|pods?)\\\\b"}
\`\`\`
`;
    const lesson = parseLesson({ id: '01-t', markdown, solution: '' });
    const e = boot();
    e.api.create('deployments.apps', 'default', deployment('web', 3));
    expect(evaluateLesson(lesson, e)).to.deep.equal({
      lessonId: '01-t',
      steps: [
        {
          checks: [
            { title: 'A Deployment named web exists', passed: true },
            { title: 'It has 2 replicas', passed: false, detail: 'Deployment web: {.spec.replicas} is 3, expected 2' },
          ],
          passed: false,
        },
        { checks: [{ title: 'You listed the pods', passed: false, detail: "You haven't run a matching command yet" }], passed: false },
      ],
      passed: false,
    });
    e.api.patch('deployments.apps', 'default', 'web', 'merge', { spec: { replicas: 2 } });
    e.store.setRecord(COMMAND_HISTORY_RECORD, ['kubectl get pods -o wide']);
    const report = evaluateLesson(lesson, e);
    expect(report.passed).to.equal(true);
    expect(report.steps.map((s) => s.passed)).to.deep.equal([true, true]);
  });
});
