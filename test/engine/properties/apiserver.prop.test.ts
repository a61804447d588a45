// Properties of the API server over random valid objects: create stores exactly the defaulted
// object, stale updates always conflict, refused writes change nothing.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { ApiError } from '../../../engine/apiserver/status.ts';
import { Engine } from '../../../engine/engine.ts';

type Rec = Record<string, any>;

function boot(): Engine {
  const e = new Engine({ seed: 7 });
  for (const name of ['default', 'kube-system']) e.api.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return e;
}

const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,12}[a-z0-9])?$/);
const labelValue = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,8}[A-Za-z0-9])?$/);
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'env', 'example.com/team', 'version'), labelValue, { maxKeys: 4 });
const image = fc.constantFrom('nginx', 'nginx:1.25', 'busybox:1.36', 'redis:7', 'registry.k8s.io/pause:3.9');
const resources = fc.record(
  {
    requests: fc.record({ cpu: fc.constantFrom('100m', '0.5', '1', '250m'), memory: fc.constantFrom('64Mi', '128Mi', '1Gi') }, { requiredKeys: [] }),
    limits: fc.record({ cpu: fc.constantFrom('1', '2'), memory: fc.constantFrom('1Gi', '2Gi') }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const containers = fc
  .uniqueArray(dnsLabel, { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(...names.map((name) => fc.record({ image, resources, port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }) }).map((c) => {
      const out: Rec = { name, image: c.image, resources: c.resources };
      if (c.port !== undefined) out['ports'] = [{ containerPort: c.port }];
      return out;
    }))),
  );

const podArb = fc.record({ name: dnsLabel, labels, containers }).map(
  (p) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: p.name, labels: p.labels }, spec: { containers: p.containers } }) as KubeObject,
);
const deploymentArb = fc.record({ name: dnsLabel, labels, replicas: fc.integer({ min: 0, max: 50 }), containers }).map((d) => {
  const sel = { ...d.labels, app: d.name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: d.name, labels: d.labels },
    spec: { replicas: d.replicas, selector: { matchLabels: sel }, template: { metadata: { labels: sel }, spec: { containers: d.containers } } },
  } as KubeObject;
});
const configMapArb = fc.record({ name: dnsLabel, labels, data: fc.dictionary(fc.stringMatching(/^[a-zA-Z][-._a-zA-Z0-9]{0,11}$/), fc.string({ maxLength: 20 }), { maxKeys: 4 }) }).map(
  (c) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.name, labels: c.labels }, data: c.data }) as KubeObject,
);
const serviceArb = fc.record({ name: dnsLabel, labels, type: fc.constantFrom('ClusterIP', 'NodePort'), ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 3 }) }).map(
  (s) =>
    ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: s.name, labels: s.labels },
      spec: { type: s.type, selector: { app: s.name }, ports: s.ports.map((port, i) => ({ name: `p${i}`, port })) },
    }) as KubeObject,
);

const objects = fc.oneof(
  podArb.map((o) => ({ resource: 'pods', o })),
  deploymentArb.map((o) => ({ resource: 'deployments.apps', o })),
  configMapArb.map((o) => ({ resource: 'configmaps', o })),
  serviceArb.map((o) => ({ resource: 'services', o })),
);

function withoutRV(o: KubeObject): KubeObject {
  const { resourceVersion: _rv, ...metadata } = o.metadata;
  return { ...o, metadata };
}

function thrown(fn: () => unknown): ApiError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  return undefined;
}

describe('API server properties', () => {
  it('get(create(x)) is the defaulted x a dry run shows', () => {
    fc.assert(
      fc.property(objects, ({ resource, o }) => {
        const dry = boot().api.create(resource, 'default', o, { dryRun: true }).object;
        const e = boot();
        e.api.create(resource, 'default', o);
        const got = e.api.get(resource, 'default', o.metadata.name!);
        expect(withoutRV(got)).to.deep.equal(withoutRV(dry));
        expect(got.metadata.resourceVersion).to.match(/^\d+$/);
      }),
      { numRuns: 60 },
    );
  });

  it('an update with a stale resourceVersion always conflicts', () => {
    fc.assert(
      fc.property(objects, labels, ({ resource, o }, newLabels) => {
        const e = boot();
        const first = e.api.create(resource, 'default', o).object;
        const fresh = structuredClone(first);
        fresh.metadata.labels = { ...newLabels, touched: 'yes' };
        e.api.update(resource, fresh);
        const stale = structuredClone(first);
        stale.metadata.labels = { stale: 'true' };
        const before = JSON.stringify(e.store.dump());
        const err = thrown(() => e.api.update(resource, stale));
        expect(err?.status.reason).to.equal('Conflict');
        expect(err?.message).to.match(/^Operation cannot be fulfilled on [a-z.]+ "[^"]+": the object has been modified; please apply your changes to the latest version and try again$/);
        expect(JSON.stringify(e.store.dump())).to.equal(before);
      }),
      { numRuns: 60 },
    );
  });

  it('a refused write leaves the store unchanged', () => {
    const breakers: ((o: Rec) => void)[] = [
      (o) => (o['metadata'].name = 'Bad_Name'),
      (o) => (o['metadata'].labels = { 'bad key!': 'x' }),
      (o) => {
        if (o['spec']?.containers) o['spec'].containers[0].image = '';
        else if (o['spec']?.replicas !== undefined) o['spec'].replicas = -1;
        else if (o['spec']?.ports) o['spec'].ports[0].port = 70000;
        else o['data'] = { 'bad key!': 'x' };
      },
      (o) => (o['metadata'].namespace = 'nowhere'),
    ];
    fc.assert(
      fc.property(objects, fc.integer({ min: 0, max: breakers.length - 1 }), ({ resource, o }, i) => {
        const e = boot();
        const bad = structuredClone(o) as Rec;
        breakers[i]!(bad);
        const before = JSON.stringify(e.store.dump());
        const err = thrown(() => e.api.create(resource, bad['metadata'].namespace ?? 'default', bad as KubeObject));
        expect(err, 'expected a refusal').to.not.equal(undefined);
        expect(JSON.stringify(e.store.dump())).to.equal(before);
      }),
      { numRuns: 80 },
    );
  });

  it('a quota never lets usage pass its hard limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.array(podArb, { maxLength: 8 }), (hard, pods) => {
        const e = boot();
        e.api.create('resourcequotas', 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: String(hard) } } } as KubeObject);
        // Status as the controller would set it, so admission enforces it.
        const q = structuredClone(e.api.get('resourcequotas', 'default', 'q'));
        q['status'] = { hard: { pods: String(hard) }, used: { pods: '0' } };
        e.api.updateStatus('resourcequotas', q);
        for (const p of pods) thrown(() => e.api.create('pods', 'default', p));
        expect(e.api.list('pods', 'default').length).to.be.at.most(hard);
        expect(Number((e.api.get('resourcequotas', 'default', 'q')['status'] as Rec)['used'].pods)).to.equal(e.api.list('pods', 'default').length);
      }),
      { numRuns: 40 },
    );
  });
});
