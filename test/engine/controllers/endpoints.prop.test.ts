// After every settle, each Service's ready endpoints (Endpoints `addresses` and EndpointSlice
// endpoints with ready=true) are exactly the pods its selector picks that are Ready, have an IP
// and are not terminating — whatever sequence of pod creations, relabels, deletions and
// Service selector changes led there.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Pod, Service } from '../../../engine/api/core-v1.ts';
import type { KubeObject } from '../../../engine/api/meta.ts';
import type { EndpointSlice } from '../../../engine/controllers/endpointslice.ts';
import type { Engine } from '../../../engine/engine.ts';
import { cluster } from '../cluster/fixtures.ts';

const labels = fc.record({ app: fc.constantFrom('a', 'b'), tier: fc.constantFrom('x', 'y') }, { requiredKeys: ['app'] });
const selector = fc.record({ app: fc.constantFrom('a', 'b'), tier: fc.constantFrom('x', 'y') }, { requiredKeys: [] });
const podName = fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5');
const svcName = fc.constantFrom('s1', 's2');

type Op =
  | { t: 'pod'; name: string; labels: Record<string, string>; good: boolean }
  | { t: 'relabel'; name: string; labels: Record<string, string> }
  | { t: 'delete'; name: string }
  | { t: 'svc'; name: string; selector: Record<string, string> }
  | { t: 'advance'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('pod' as const), name: podName, labels, good: fc.boolean() }),
  fc.record({ t: fc.constant('relabel' as const), name: podName, labels }),
  fc.record({ t: fc.constant('delete' as const), name: podName }),
  fc.record({ t: fc.constant('svc' as const), name: svcName, selector }),
  fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }),
);

function apply(e: Engine, o: Op): void {
  const api = e.api;
  if (o.t === 'pod') {
    if (api.tryGet('pods', 'default', o.name)) return;
    api.create('pods', 'default', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: o.name, labels: o.labels },
      spec: { containers: [{ name: 'c', image: o.good ? 'nginx' : 'nginx:does-not-exist', ports: [{ containerPort: 80, name: 'http' }] }], terminationGracePeriodSeconds: 5 },
    } as Pod);
  } else if (o.t === 'relabel') {
    const p = api.tryGet<Pod>('pods', 'default', o.name);
    if (!p) return;
    const next = structuredClone(p) as KubeObject;
    next.metadata.labels = o.labels;
    api.update('pods', next);
  } else if (o.t === 'delete') {
    if (api.tryGet('pods', 'default', o.name)) api.delete('pods', 'default', o.name);
  } else if (o.t === 'svc') {
    const cur = api.tryGet<Service>('services', 'default', o.name);
    if (cur) {
      const next = structuredClone(cur) as Service;
      next.spec.selector = o.selector;
      api.update('services', next);
    } else {
      api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: o.name }, spec: { selector: o.selector, ports: [{ port: 80, targetPort: 'http' }] } } as Service);
    }
  } else e.advance(o.ms);
}

function expected(e: Engine, svc: Service): string[] {
  const sel = svc.spec.selector ?? {};
  if (Object.keys(sel).length === 0) return [];
  return (e.api.list<Pod>('pods', 'default'))
    .filter((p) => Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v))
    .filter((p) => !p.metadata.deletionTimestamp && p.status?.podIP && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((p) => p.status!.podIP!)
    .sort();
}

function fromEndpoints(e: Engine, name: string): string[] {
  const ep = e.api.tryGet('endpoints', 'default', name);
  const subsets = (ep?.['subsets'] as { addresses?: { ip: string }[] }[] | undefined) ?? [];
  return subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)).sort();
}

function fromSlices(e: Engine, name: string): string[] {
  return e.api
    .list<EndpointSlice>('endpointslices.discovery.k8s.io', 'default')
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name)
    .flatMap((s) => (s.endpoints ?? []).filter((x) => x.conditions.ready).map((x) => x.addresses[0]!))
    .sort();
}

describe('endpoints property', () => {
  it("a Service's ready endpoints are exactly its selected, ready pods after every settle", function () {
    this.timeout(180_000);
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (ops, seed) => {
        const e = cluster(seed);
        for (const o of ops) {
          apply(e, o);
          e.settle(60_000);
          for (const svc of e.api.list<Service>('services', 'default').filter((s) => s.metadata.name !== 'kubernetes')) {
            const want = expected(e, svc);
            expect(fromEndpoints(e, svc.metadata.name!), `Endpoints ${svc.metadata.name}`).to.deep.equal(want);
            expect(fromSlices(e, svc.metadata.name!), `EndpointSlices ${svc.metadata.name}`).to.deep.equal(want);
          }
        }
      }),
      { numRuns: 25 },
    );
  });
});
