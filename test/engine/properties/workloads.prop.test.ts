// Job never runs more active pods than its parallelism (nor more than the completions left);
// an OrderedReady StatefulSet creates its ordinals strictly in order, each after the previous
// one is Running and Ready.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Pod } from '../../../engine/api/core-v1.ts';
import { isPodReady } from '../../../engine/controllers/pod-util.ts';
import { cluster } from '../cluster/fixtures.ts';

describe('workload properties', () => {
  it('a Job never has more active pods than its parallelism', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.integer({ min: 1, max: 3 }),
        (completions, parallelism, work, fails, seed) => {
          const e = cluster(seed);
          let worst = 0;
          const active = () => (e.store.list('pods', 'default') as Pod[]).filter((p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
          const stop = e.store.watch(() => void (worst = Math.max(worst, active())), 'pods');
          e.api.create('jobs.batch', 'default', {
            apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' },
            spec: {
              completions, parallelism, backoffLimit: 2,
              template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', `sleep ${work}; exit ${fails ? 1 : 0}`] }] } },
            },
          });
          e.settle(30 * 60_000);
          stop();
          expect(worst).to.be.at.most(parallelism);
        }),
      { numRuns: 20 },
    );
  });

  it('an OrderedReady StatefulSet creates ordinals in order, each after its predecessor is Ready', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }), (replicas, seed) => {
        const e = cluster(seed);
        const created: number[] = [];
        const violations: string[] = [];
        const stop = e.store.watch((ev) => {
          if (ev.type !== 'ADDED') return;
          const n = Number(/-(\d+)$/.exec(ev.object.metadata.name ?? '')?.[1]);
          for (let i = 0; i < n; i++) {
            const prev = e.store.get('pods', 'default', `web-${i}`) as Pod | undefined;
            if (!prev || !isPodReady(prev)) violations.push(`web-${n} created before web-${i} was Ready`);
          }
          created.push(n);
        }, 'pods');
        e.api.create('statefulsets.apps', 'default', {
          apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
          spec: { replicas, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
        });
        e.settle();
        stop();
        expect(created).to.deep.equal([...Array(replicas).keys()]);
        expect(violations).to.deep.equal([]);
      }),
      { numRuns: 10 },
    );
  });
});
