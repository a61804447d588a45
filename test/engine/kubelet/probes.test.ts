import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { cluster, messages, pod } from '../cluster/fixtures.ts';

const get = (e: ReturnType<typeof cluster>, name: string) => e.api.get<Pod>('pods', 'default', name);

describe('kubelet probes and container lifecycle', () => {
  it('restarts the docs exec-liveness container after three failed probes', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('liveness-exec', {
      containers: [{
        name: 'liveness', image: 'registry.k8s.io/busybox:1.27.2', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      }],
    }));
    e.advance(40_000);
    expect(get(e, 'liveness-exec').status?.containerStatuses?.[0]?.restartCount).to.equal(0);
    expect(messages(e, 'liveness-exec')).to.include("Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    e.advance(40_000);
    const cs = get(e, 'liveness-exec').status!.containerStatuses![0]!;
    expect(cs.restartCount).to.equal(1);
    expect(cs.lastState?.terminated).to.include({ exitCode: 137, reason: 'Error' });
    expect(messages(e, 'liveness-exec')).to.include('Killing: Container liveness failed liveness probe, will be restarted');
  });

  it('keeps a pod unready while its readiness probe fails', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('web', { containers: [{ name: 'nginx', image: 'nginx', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5 } }] }));
    e.advance(30_000);
    const p = get(e, 'web');
    expect(p.status?.phase).to.equal('Running');
    expect(p.status?.containerStatuses?.[0]?.ready).to.equal(false);
    expect(messages(e, 'web')).to.include('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 404');
    e.api.create('pods', 'default', pod('ok', { containers: [{ name: 'nginx', image: 'nginx', readinessProbe: { tcpSocket: { port: 80 } } }] }));
    e.advance(15_000);
    expect(get(e, 'ok').status?.conditions?.find((c) => c.type === 'Ready')?.status).to.equal('True');
  });

  it('runs init containers in order before the app container', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('app', {
      initContainers: [
        { name: 'a', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
        { name: 'b', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
      ],
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    }));
    e.advance(3000);
    let p = get(e, 'app');
    expect(p.status?.phase).to.equal('Pending');
    expect(p.status?.initContainerStatuses?.map((s) => Object.keys(s.state ?? {})[0])).to.deep.equal(['running', 'waiting']);
    expect(p.status?.conditions?.find((c) => c.type === 'Initialized')).to.include({ status: 'False', reason: 'ContainersNotInitialized' });
    e.advance(15_000);
    p = get(e, 'app');
    expect(p.status?.phase).to.equal('Running');
    expect(p.status?.initContainerStatuses?.map((s) => s.state?.terminated?.reason)).to.deep.equal(['Completed', 'Completed']);
  });

  it('reports CreateContainerConfigError for a missing ConfigMap key, then starts once it exists', () => {
    const e = cluster();
    e.api.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { other: 'x' } });
    e.api.create('pods', 'default', pod('app', { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], env: [{ name: 'K', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] }] }));
    e.advance(5000);
    const w = get(e, 'app').status?.containerStatuses?.[0]?.state?.waiting;
    expect(w).to.deep.equal({ reason: 'CreateContainerConfigError', message: "couldn't find key k in ConfigMap default/cfg" });
    expect(messages(e, 'app')).to.include("Failed: Error: couldn't find key k in ConfigMap default/cfg");
    e.api.patch('configmaps', 'default', 'cfg', 'merge', { data: { k: 'v' } });
    e.advance(15_000);
    expect(get(e, 'app').status?.containerStatuses?.[0]?.state?.running).to.not.equal(undefined);
  });

  it('OOM-kills a container whose memory exceeds its limit', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('hog', {
      restartPolicy: 'Never',
      containers: [{ name: 'c', image: 'nginx', resources: { limits: { memory: '100Mi' } } }],
    }));
    const p0 = e.api.get<Pod>('pods', 'default', 'hog');
    e.api.patch('pods', 'default', 'hog', 'merge', { metadata: { annotations: { 'sim.kubeplay.dev/memory': '300Mi' } } });
    void p0;
    e.advance(10_000);
    const t = get(e, 'hog').status?.containerStatuses?.[0]?.state?.terminated;
    expect(t).to.include({ reason: 'OOMKilled', exitCode: 137 });
  });
});
