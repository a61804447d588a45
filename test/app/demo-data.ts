// Objects and a lesson for the demo page and tests: a Deployment mid-rollout, a crashing
// pod, an unschedulable pod, a terminating one and a finished Job pod.
import type { KubeObject, Lesson } from '../../engine/engine-api.ts';
import { pod } from './fake-engine.ts';

export function demoObjects(): KubeObject[] {
  const rs = { kind: 'ReplicaSet', name: 'web-7d4b9c6f5' };
  const crash = pod('api-5f7c8d9b4-q8w2e', { node: 'sandbox-worker2', phase: 'Running', waiting: 'CrashLoopBackOff', owner: { kind: 'ReplicaSet', name: 'api-5f7c8d9b4' }, hash: '5f7c8d9b4' });
  (crash['status'] as { containerStatuses: { restartCount: number }[] }).containerStatuses[0]!.restartCount = 4;
  return [
    {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'web-7d4b9c6f5', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }] },
      spec: { selector: {}, template: { spec: { containers: [] } } },
    },
    pod('web-7d4b9c6f5-x2k4p', { node: 'sandbox-worker', running: true, owner: rs, hash: '7d4b9c6f5', cpu: '250m' }),
    pod('web-7d4b9c6f5-h7j9m', { node: 'sandbox-worker2', running: true, owner: rs, hash: '7d4b9c6f5', cpu: '250m' }),
    pod('web-7d4b9c6f5-p3n8r', { node: 'sandbox-worker', waiting: 'ContainerCreating', owner: rs, hash: '7d4b9c6f5', cpu: '250m' }),
    crash,
    pod('big-6c9d8f7b5-zz9x1', { owner: { kind: 'ReplicaSet', name: 'big-6c9d8f7b5' }, hash: '6c9d8f7b5' }),
    pod('old-54c6b8d7f9-t5r4e', { node: 'sandbox-worker2', running: true, deleting: true, owner: { kind: 'ReplicaSet', name: 'old-54c6b8d7f9' }, hash: '54c6b8d7f9' }),
    pod('hello-28937520-abcde', { node: 'sandbox-worker', phase: 'Succeeded', owner: { kind: 'Job', name: 'hello-28937520' } }),
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80 }] },
    },
  ];
}

export function demoLesson(): Lesson {
  return {
    id: 'first-deployment',
    title: 'Your first Deployment',
    summary: 'Run nginx with three replicas and watch Kubernetes keep them running.',
    minutes: 10,
    level: 'beginner',
    intro: 'A **Deployment** keeps a number of identical pods running.',
    steps: [
      {
        title: 'Create a Deployment',
        body: 'Create a Deployment called `web` that runs **nginx** with three replicas:\n\n```sh\nkubectl create deployment web --image=nginx --replicas=3\n```\n\nThen watch the pods start:\n\n- in the topology, pods appear on the worker nodes\n- `kubectl get pods` lists them',
        hints: ['The image name is `nginx`.', 'Use `--replicas=3`.'],
        checks: [{ title: 'A Deployment named web exists' }, { title: '3 pods of web are Running' }],
      },
      {
        title: 'Scale it',
        body: 'Scale to five:\n\n```\nkubectl scale deployment web --replicas=5\n```',
        hints: [],
        checks: [{ title: 'web has 5 replicas' }],
      },
    ],
  };
}
