// Properties of the scheduler over random pods and node taints: a bound pod always fits its
// node's allocatable (Σ requests of the pods there), and no pod is bound to a node whose
// NoSchedule/NoExecute taints it does not tolerate.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Node, Pod, Taint } from '../../../engine/api/core-v1.ts';
import { tolerates } from '../../../engine/scheduler/plugins/taint-toleration.ts';
import { nodeAllocatable, podRequests } from '../../../engine/scheduler/resources.ts';
import { cluster } from '../cluster/fixtures.ts';

const taintArb = fc.record({ key: fc.constantFrom('a', 'b'), value: fc.constantFrom('x', 'y'), effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule') }) as fc.Arbitrary<Taint>;
const podArb = fc.record({
  cpu: fc.integer({ min: 0, max: 3000 }),
  tolerations: fc.array(
    fc.record({ key: fc.constantFrom('a', 'b'), operator: fc.constantFrom('Equal', 'Exists'), value: fc.constantFrom('x', 'y'), effect: fc.constantFrom('NoSchedule', 'NoExecute') })
      // Validation: an Exists toleration carries no value.
      .map((t) => (t.operator === 'Exists' ? { key: t.key, operator: t.operator, effect: t.effect } : t)),
    { maxLength: 2 },
  ),
});

describe('scheduler properties', () => {
  it('bound pods fit their node and tolerate its taints', () => {
    fc.assert(
      fc.property(fc.array(taintArb, { maxLength: 2 }), fc.array(taintArb, { maxLength: 2 }), fc.array(podArb, { minLength: 1, maxLength: 8 }), (t1, t2, specs) => {
        const e = cluster();
        const dedupe = (ts: Taint[]) => ts.filter((t, i) => ts.findIndex((u) => u.key === t.key && u.effect === t.effect) === i);
        for (const [n, ts] of [['sandbox-worker', dedupe(t1)], ['sandbox-worker2', dedupe(t2)]] as const) {
          const node = structuredClone(e.api.get<Node>('nodes', undefined, n));
          if (ts.length) node.spec.taints = [...ts];
          e.api.update('nodes', node);
        }
        specs.forEach((s, i) =>
          e.api.create('pods', 'default', {
            apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` },
            spec: { tolerations: s.tolerations, containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: `${s.cpu}m` } } }] },
          } as Pod));
        e.settle(60_000);
        for (const node of e.api.list<Node>('nodes')) {
          const on = e.api.list<Pod>('pods', undefined, { fieldSelector: `spec.nodeName=${node.metadata.name}` });
          const cpu = on.reduce((acc, p) => acc + podRequests(p).cpu, 0);
          expect(cpu).to.be.at.most(nodeAllocatable(node).cpu);
          for (const p of on.filter((x) => x.metadata.namespace === 'default'))
            for (const t of node.spec.taints ?? [])
              if (t.effect !== 'PreferNoSchedule') expect((p.spec.tolerations ?? []).some((x) => tolerates(x, t))).to.equal(true);
        }
      }),
      { numRuns: 15, seed: 5 },
    );
  });
});
