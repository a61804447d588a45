import { expect } from '@open-wc/testing';
import type { Pod } from '../../engine/engine-api.ts';
import { podStatus, toneOf } from '../../app/model/pod-status.ts';

type Cs = Record<string, unknown>;
function mk(status: Record<string, unknown>, extra: { deleting?: boolean; inits?: number } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: {
      containers: [{ name: 'c' }],
      ...(extra.inits ? { initContainers: Array.from({ length: extra.inits }, (_, i) => ({ name: `i${i}` })) } : {}),
    },
    status,
  } as Pod;
}
const cs = (state: Cs, o: { ready?: boolean; restarts?: number; name?: string } = {}) => ({
  name: o.name ?? 'c', ready: o.ready ?? false, restartCount: o.restarts ?? 0, image: 'nginx', imageID: '', state,
});

describe('podStatus (kubectl printPod STATUS column)', () => {
  const cases: [string, Pod, string, string][] = [
    ['pending, not scheduled', mk({ phase: 'Pending' }), 'Pending', 'pending'],
    ['container creating', mk({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ContainerCreating' } })] }), 'ContainerCreating', 'pending'],
    ['running and ready', mk({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] }), 'Running', 'running'],
    ['crash loop', mk({ phase: 'Running', containerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { restarts: 3 })] }), 'CrashLoopBackOff', 'error'],
    ['image pull', mk({ phase: 'Pending', containerStatuses: [cs({ waiting: { reason: 'ImagePullBackOff' } })] }), 'ImagePullBackOff', 'error'],
    ['terminated with reason', mk({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } })] }), 'Error', 'error'],
    ['terminated without reason', mk({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 137 } })] }), 'ExitCode:137', 'error'],
    ['signal', mk({ phase: 'Failed', containerStatuses: [cs({ terminated: { exitCode: 0, signal: 9 } })] }), 'Signal:9', 'error'],
    ['completed', mk({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }), 'Completed', 'completed'],
    ['terminating', mk({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true })] }, { deleting: true }), 'Terminating', 'terminating'],
    ['deleted but already succeeded', mk({ phase: 'Succeeded', containerStatuses: [cs({ terminated: { exitCode: 0, reason: 'Completed' } })] }, { deleting: true }), 'Completed', 'completed'],
    ['evicted', mk({ phase: 'Failed', reason: 'Evicted' }), 'Evicted', 'error'],
    ['init 0/2', mk({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'PodInitializing' } }, { name: 'i0' }), cs({ waiting: {} }, { name: 'i1' })] }, { inits: 2 }), 'Init:0/2', 'pending'],
    ['init 1/2', mk({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 0 } }, { name: 'i0' }), cs({ running: {} }, { name: 'i1' })] }, { inits: 2 }), 'Init:1/2', 'pending'],
    ['init error', mk({ phase: 'Pending', initContainerStatuses: [cs({ terminated: { exitCode: 1, reason: 'Error' } }, { name: 'i0' })] }, { inits: 1 }), 'Init:Error', 'error'],
    ['init crash loop', mk({ phase: 'Pending', initContainerStatuses: [cs({ waiting: { reason: 'CrashLoopBackOff' } }, { name: 'i0' })] }, { inits: 1 }), 'Init:CrashLoopBackOff', 'error'],
    ['scheduling gated', mk({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), 'SchedulingGated', 'pending'],
  ];
  for (const [name, pod, status, tone] of cases) {
    it(`${name} → ${status}`, () => {
      const s = podStatus(pod);
      expect(s.status).to.equal(status);
      expect(s.tone).to.equal(tone);
    });
  }

  it('counts ready containers and restarts', () => {
    const s = podStatus(mk({ phase: 'Running', containerStatuses: [cs({ running: {} }, { ready: true, restarts: 2 })] }));
    expect([s.ready, s.total, s.restarts]).to.deep.equal([1, 1, 2]);
  });

  it('maps words the engine may print to tones', () => {
    expect(toneOf('ErrImagePull')).to.equal('error');
    expect(toneOf('OOMKilled')).to.equal('error');
    expect(toneOf('Unknown')).to.equal('unknown');
    expect(toneOf('Init:3/4')).to.equal('pending');
  });
});
