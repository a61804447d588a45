// During any RollingUpdate the Deployment stays within its fenceposts: the ReplicaSets never ask
// for more than replicas + maxSurge pods, and (once the first rollout is done) Ready pods never
// drop below replicas - maxUnavailable.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Deployment, ReplicaSet } from '../../../engine/api/apps-v1.ts';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { fenceposts } from '../../../engine/controllers/deployment.ts';
import { isPodReady } from '../../../engine/controllers/pod-util.ts';
import { cluster, deployment } from '../cluster/fixtures.ts';

const bound = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('0%', '25%', '50%', '100%'));

describe('rollout property', () => {
  it('never exceeds maxSurge nor goes below maxUnavailable', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), bound, bound, fc.integer({ min: 1, max: 3 }), (replicas, maxSurge, maxUnavailable, seed) => {
        fc.pre(!(String(maxSurge).replace('%', '') === '0' && String(maxUnavailable).replace('%', '') === '0'));
        const e = cluster(seed);
        const d = deployment('web', replicas, 'nginx:1.14.2', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } });
        e.api.create('deployments.apps', 'default', d);
        e.settle();
        const live = e.api.get<Deployment>('deployments.apps', 'default', 'web');
        const f = fenceposts(live);
        let violations: string[] = [];
        const check = () => {
          const rss = e.store.list('replicasets.apps', 'default') as ReplicaSet[];
          const total = rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
          if (total > replicas + f.maxSurge) violations.push(`replicas ${total} > ${replicas}+${f.maxSurge}`);
          const ready = (e.store.list('pods', 'default') as Pod[]).filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
          if (ready < replicas - f.maxUnavailable) violations.push(`ready ${ready} < ${replicas}-${f.maxUnavailable}`);
        };
        const stop = e.store.watch(check);
        const next = structuredClone(live);
        next.spec.template.spec.containers[0]!.image = 'nginx:1.16.1';
        e.api.update('deployments.apps', next);
        e.settle();
        stop();
        const done = e.api.get<Deployment>('deployments.apps', 'default', 'web');
        expect(done.status?.updatedReplicas).to.equal(replicas);
        expect(violations).to.deep.equal([]);
        violations = [];
      }),
      { numRuns: 25 },
    );
  });
});
