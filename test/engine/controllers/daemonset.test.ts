import { expect } from '@open-wc/testing';
import type { Pod } from '../../../engine/api/core-v1.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';
import type { Engine } from '../../../engine/engine.ts';
import { cluster, pods } from '../cluster/fixtures.ts';

function ds(image: string, rollingUpdate: Record<string, unknown> | undefined, type = 'RollingUpdate'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { name: 'agent' } },
      updateStrategy: rollingUpdate ? { type, rollingUpdate } : { type },
      template: { metadata: { labels: { name: 'agent' } }, spec: { terminationGracePeriodSeconds: 5, containers: [{ name: 'agent', image }] } },
    },
  } as unknown as KubeObject;
}

const setImage = (e: Engine, image: string) => e.api.patch('daemonsets.apps', 'default', 'agent', 'strategic', { spec: { template: { spec: { containers: [{ name: 'agent', image }] } } } });
const live = (e: Engine) => pods(e).filter((p) => !p.metadata.deletionTimestamp);
const ready = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const status = (e: Engine) => e.api.get('daemonsets.apps', 'default', 'agent')['status'] as Record<string, number>;

describe('daemonset controller', () => {
  it('runs one pod per worker with the revision hash and template generation labels', () => {
    const e = cluster();
    e.api.create('daemonsets.apps', 'default', ds('nginx:1.14.2', { maxUnavailable: 1 }));
    e.settle();
    const ps = pods(e);
    expect(ps).to.have.length(2);
    const revs = e.api.list('controllerrevisions.apps', 'default');
    expect(revs.map((r) => r.metadata.name)).to.deep.equal([`agent-${ps[0]!.metadata.labels!['controller-revision-hash']}`]);
    for (const p of ps) expect(p.metadata.labels).to.include({ 'pod-template-generation': '1', name: 'agent' });
    expect(status(e)).to.include({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 1 });
    expect(e.api.get('daemonsets.apps', 'default', 'agent').metadata.annotations).to.include({ 'deprecated.daemonset.template.generation': '1' });
  });

  it('rolls with maxUnavailable 1: never more than one node without a ready pod', () => {
    const e = cluster();
    e.api.create('daemonsets.apps', 'default', ds('nginx:1.14.2', { maxUnavailable: 1 }));
    e.settle();
    setImage(e, 'nginx:1.16.1');
    for (let t = 0; t < 120; t++) {
      e.advance(500);
      expect(live(e).filter(ready).length).to.be.at.least(1);
      expect(live(e).length).to.be.at.most(2);
    }
    e.settle();
    expect(live(e).map((p) => p.spec.containers[0]!.image)).to.deep.equal(['nginx:1.16.1', 'nginx:1.16.1']);
    expect(status(e)).to.include({ updatedNumberScheduled: 2, numberAvailable: 2, observedGeneration: 2 });
    expect(e.api.list('controllerrevisions.apps', 'default').map((r) => r['revision']).sort()).to.deep.equal([1, 2]);
  });

  it('surges with maxSurge 1: the new pod is ready before the old one goes', () => {
    const e = cluster();
    e.api.create('daemonsets.apps', 'default', ds('nginx:1.14.2', { maxSurge: 1, maxUnavailable: 0 }));
    e.settle();
    setImage(e, 'nginx:1.16.1');
    let maxPods = 0;
    for (let t = 0; t < 120; t++) {
      e.advance(500);
      maxPods = Math.max(maxPods, live(e).length);
      const nodes = new Set(live(e).filter(ready).map((p) => p.spec.nodeName));
      expect(nodes.size).to.equal(2);
    }
    expect(maxPods).to.equal(3);
    e.settle();
    expect(live(e).map((p) => p.spec.containers[0]!.image)).to.deep.equal(['nginx:1.16.1', 'nginx:1.16.1']);
  });

  it('OnDelete replaces only the pods that are deleted', () => {
    const e = cluster();
    e.api.create('daemonsets.apps', 'default', ds('nginx:1.14.2', undefined, 'OnDelete'));
    e.settle();
    setImage(e, 'nginx:1.16.1');
    e.settle();
    expect(status(e)).to.include({ updatedNumberScheduled: 0 });
    e.api.delete('pods', 'default', pods(e)[0]!.metadata.name!);
    e.settle();
    expect(live(e).map((p) => p.spec.containers[0]!.image).sort()).to.deep.equal(['nginx:1.14.2', 'nginx:1.16.1']);
    expect(status(e)).to.include({ updatedNumberScheduled: 1 });
  });
});
