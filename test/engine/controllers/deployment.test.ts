import { expect } from '@open-wc/testing';
import type { Deployment, ReplicaSet } from '../../../engine/api/apps-v1.ts';
import { computeHash, safeEncodeString } from '../../../engine/controllers/pod-template-hash.ts';
import { fenceposts } from '../../../engine/controllers/deployment.ts';
import { cluster, deployment, messages, pods } from '../cluster/fixtures.ts';

const HASH = /^[4-9bcdf]{1,10}$/;

function scale(e: ReturnType<typeof cluster>, name: string, replicas: number): void {
  const d = structuredClone(e.api.get<Deployment>('deployments.apps', 'default', name));
  d.spec.replicas = replicas;
  e.api.update('deployments.apps', d);
}

describe('deployment controller', () => {
  it('creates <deploy>-<pod-template-hash> with revision annotations and scales up', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 3));
    e.settle();
    const rss = e.store.list('replicasets.apps', 'default') as ReplicaSet[];
    expect(rss).to.have.length(1);
    const rs = rss[0]!;
    const hash = rs.metadata.labels!['pod-template-hash']!;
    expect(hash).to.match(HASH);
    expect(rs.metadata.name).to.equal(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).to.deep.equal({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).to.include({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs.metadata.ownerReferences?.[0]).to.include({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(rs.status).to.include({ replicas: 3, readyReplicas: 3, availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });

    const d = e.api.get<Deployment>('deployments.apps', 'default', 'web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).to.equal('1');
    expect(d.status).to.include({ replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(d.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).to.deep.equal([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rs.metadata.name}" has successfully progressed.`],
    ]);
    expect(messages(e, 'web')).to.deep.equal([`ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} to 3`]);

    const ps = pods(e);
    expect(ps).to.have.length(3);
    for (const p of ps) {
      expect(p.metadata.name).to.match(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.generateName).to.equal(`${rs.metadata.name}-`);
      expect(p.metadata.labels).to.deep.equal({ app: 'web', 'pod-template-hash': hash });
      expect(p.metadata.ownerReferences).to.deep.equal([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(messages(e, rs.metadata.name).sort()).to.deep.equal(ps.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
  });

  it('scales up and down with "from" in the event, deleting pods', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 3));
    e.settle();
    const rs = e.store.list('replicasets.apps', 'default')[0]!.metadata.name!;
    scale(e, 'web', 5);
    e.settle();
    expect(pods(e).filter((p) => p.status?.phase === 'Running')).to.have.length(5);
    scale(e, 'web', 1);
    e.settle();
    expect(pods(e)).to.have.length(1);
    const ev = messages(e, 'web');
    expect(ev).to.include(`ScalingReplicaSet: Scaled up replica set ${rs} to 5 from 3`);
    expect(ev).to.include(`ScalingReplicaSet: Scaled down replica set ${rs} to 1 from 5`);
    expect(messages(e, rs).filter((m) => m.startsWith('SuccessfulDelete: Deleted pod: '))).to.have.length(4);
    expect(e.api.get<ReplicaSet>('replicasets.apps', 'default', rs).metadata.annotations?.['deployment.kubernetes.io/desired-replicas']).to.equal('1');
  });

  it('rolls out a template change to a new ReplicaSet (revision 2) and scales the old one to 0', () => {
    const e = cluster();
    e.api.create('deployments.apps', 'default', deployment('web', 4));
    e.settle();
    const d = structuredClone(e.api.get<Deployment>('deployments.apps', 'default', 'web'));
    d.spec.template.spec.containers[0]!.image = 'nginx:1.27';
    e.api.update('deployments.apps', d);
    e.settle();
    const rss = (e.store.list('replicasets.apps', 'default') as ReplicaSet[]).sort((a, b) => Number(a.metadata.annotations!['deployment.kubernetes.io/revision']) - Number(b.metadata.annotations!['deployment.kubernetes.io/revision']));
    expect(rss.map((r) => [r.metadata.annotations!['deployment.kubernetes.io/revision'], r.spec.replicas])).to.deep.equal([['1', 0], ['2', 4]]);
    const running = pods(e).filter((p) => p.status?.phase === 'Running');
    expect(running).to.have.length(4);
    for (const p of running) expect(p.spec.containers[0]!.image).to.equal('nginx:1.27');
    const after = e.api.get<Deployment>('deployments.apps', 'default', 'web');
    expect(after.metadata.annotations?.['deployment.kubernetes.io/revision']).to.equal('2');
    expect(after.status).to.include({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
  });

  it('computes hashes in the safe alphabet and resolves fenceposts as upstream rounds them', () => {
    expect(safeEncodeString('0123456789')).to.equal('456789bcdf');
    const t = deployment('x', 1).spec.template;
    expect(computeHash(t)).to.match(HASH);
    expect(computeHash(t)).to.equal(computeHash(structuredClone(t)));
    expect(computeHash(t, 1)).to.not.equal(computeHash(t));
    expect(fenceposts(deployment('x', 10))).to.deep.equal({ maxSurge: 3, maxUnavailable: 2 });
    expect(fenceposts(deployment('x', 1))).to.deep.equal({ maxSurge: 1, maxUnavailable: 0 });
  });
});
