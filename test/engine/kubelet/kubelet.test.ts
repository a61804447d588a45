import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { logKey } from '../../../engine/kubelet/kubelet.ts';
import { cluster, messages, pod } from '../cluster/fixtures.ts';

const get = (e: ReturnType<typeof cluster>, name: string) => e.api.get<Pod>('pods', 'default', name);
const waiting = (p: Pod) => p.status?.containerStatuses?.[0]?.state?.waiting?.reason;

describe('kubelet', () => {
  it('shows ContainerCreating while pulling, then Running with real-looking statuses', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('web', { containers: [{ name: 'nginx', image: 'nginx' }] }));
    e.advance(1000);
    let p = get(e, 'web');
    expect(p.status?.phase).to.equal('Pending');
    expect(waiting(p)).to.equal('ContainerCreating');
    expect(p.status?.hostIP).to.match(/^172\.18\.0\.[34]$/);
    const took = e.settle();
    expect(took).to.be.within(2000, 8000);
    p = get(e, 'web');
    expect(p.status?.phase).to.equal('Running');
    const cs = p.status!.containerStatuses![0]!;
    expect(cs.containerID).to.match(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.image).to.equal('docker.io/library/nginx:latest');
    expect(cs.imageID).to.match(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs).to.include({ ready: true, started: true, restartCount: 0 });
    expect(cs.state?.running?.startedAt).to.match(/^2025-01-01T00:00:0\dZ$/);
    expect(p.status?.podIP).to.match(/^10\.244\.[12]\.\d+$/);
    expect(p.status?.qosClass).to.equal('BestEffort');
    expect(p.status?.conditions?.map((c) => `${c.type}=${c.status}`)).to.deep.equal([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    const ev = messages(e, 'web');
    expect(ev[1]).to.equal('Pulling: Pulling image "nginx"');
    expect(ev[2]).to.match(/^Pulled: Successfully pulled image "nginx" in (\d+\.\d+)s \(\1s including waiting\)\. Image size: 72099410 bytes\.$/);
    expect(ev.slice(3)).to.deep.equal(['Created: Created container nginx', 'Started: Started container nginx']);
    const logs = e.store.getRecord<string>(logKey(p.metadata.uid!, 'nginx'))!;
    expect(logs.split('\n')[0]).to.equal('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(logs).to.contain('[notice] 1#1: start worker processes\n');
  });

  it('pulls an image once per node: the next pod finds it already present', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('a', { containers: [{ name: 'r', image: 'redis:7.4', }], nodeName: 'sandbox-worker' }));
    e.settle();
    e.api.create('pods', 'default', pod('b', { containers: [{ name: 'r', image: 'redis:7.4' }], nodeName: 'sandbox-worker' }));
    e.settle();
    expect(messages(e, 'b')).to.include('Pulled: Container image "redis:7.4" already present on machine');
  });

  it('deletes gracefully: Killing, then gone well before the grace period for a server', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('web', { containers: [{ name: 'nginx', image: 'nginx' }] }));
    e.settle();
    e.api.delete('pods', 'default', 'web');
    e.runUntilQuiet();
    expect(get(e, 'web').metadata.deletionTimestamp).to.be.a('string');
    const took = e.settle();
    expect(took).to.be.below(2000);
    expect(e.store.get('pods', 'default', 'web')).to.equal(undefined);
    expect(messages(e, 'web')).to.include('Killing: Stopping container nginx');
  });

  it('runs a shell command to completion: Succeeded, exit 0, logs', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('hi', { restartPolicy: 'Never', containers: [{ name: 'bb', image: 'busybox', command: ['sh', '-c', 'echo hi; echo there'] }] }));
    e.settle();
    const p = get(e, 'hi');
    expect(p.status?.phase).to.equal('Succeeded');
    expect(p.status?.containerStatuses?.[0]?.state?.terminated).to.include({ exitCode: 0, reason: 'Completed' });
    expect(e.store.getRecord<string>(logKey(p.metadata.uid!, 'bb'))).to.equal('hi\nthere\n');
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')).to.include({ status: 'False', reason: 'PodCompleted' });
  });

  it('fails with the exit code under restartPolicy Never', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('bad', { restartPolicy: 'Never', containers: [{ name: 'bb', image: 'busybox', command: ['sh', '-c', 'sleep 2; exit 3'] }] }));
    e.settle();
    const p = get(e, 'bad');
    expect(p.status?.phase).to.equal('Failed');
    expect(p.status?.containerStatuses?.[0]?.state?.terminated).to.include({ exitCode: 3, reason: 'Error' });
  });

  it('crash-loops with back-off under restartPolicy Always', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('loop', { containers: [{ name: 'bb', image: 'busybox' }] }));
    e.advance(20_000);
    const p = get(e, 'loop');
    expect(p.status?.phase).to.equal('Running');
    const cs = p.status!.containerStatuses![0]!;
    expect(cs.state?.waiting?.reason).to.equal('CrashLoopBackOff');
    expect(cs.state?.waiting?.message).to.match(/^back-off (10|20)s restarting failed container=bb pod=loop_default\(/);
    expect(cs.restartCount).to.be.at.least(1);
    expect(cs.lastState?.terminated).to.include({ exitCode: 0, reason: 'Completed' });
    expect(messages(e, 'loop').some((m) => m.startsWith('BackOff: Back-off restarting failed container bb in pod loop_default('))).to.equal(true);
    e.advance(5 * 60_000);
    expect(get(e, 'loop').status!.containerStatuses![0]!.restartCount).to.be.within(4, 7);
  });

  it('reports ErrImagePull then ImagePullBackOff for an image that does not exist', () => {
    const e = cluster();
    e.api.create('pods', 'default', pod('nope', { containers: [{ name: 'c', image: 'nginx:nonexist' }] }));
    e.advance(1900);
    expect(waiting(get(e, 'nope'))).to.equal('ErrImagePull');
    e.advance(2000);
    const p = get(e, 'nope');
    expect(waiting(p)).to.equal('ImagePullBackOff');
    expect(p.status?.containerStatuses?.[0]?.state?.waiting?.message).to.equal('Back-off pulling image "nginx:nonexist"');
    const ev = messages(e, 'nope');
    expect(ev).to.include('Failed: Failed to pull image "nginx:nonexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nonexist": failed to resolve reference "docker.io/library/nginx:nonexist": docker.io/library/nginx:nonexist: not found');
    expect(ev).to.include('Failed: Error: ErrImagePull');
    expect(ev).to.include('BackOff: Back-off pulling image "nginx:nonexist"');
    expect(ev).to.include('Failed: Error: ImagePullBackOff');
  });

  it('renews its node Lease every 10 s', () => {
    const e = cluster();
    const before = e.api.get('leases.coordination.k8s.io', 'kube-node-lease', 'sandbox-worker')['spec'] as { renewTime: string };
    e.advance(10_000);
    const after = e.api.get('leases.coordination.k8s.io', 'kube-node-lease', 'sandbox-worker')['spec'] as { renewTime: string; holderIdentity: string };
    expect(after.renewTime).to.not.equal(before.renewTime);
    expect(after.holderIdentity).to.equal('sandbox-worker');
  });
});
