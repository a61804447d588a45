// Properties from issue #3: after deleting owners with background propagation and settling,
// no dependent whose owner is gone remains (the garbage collector leaves no orphans); and
// `kubectl apply` of the same file twice prints `unchanged` the second time.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { KubeObject } from '../../../engine/api/meta.ts';
import { DEFAULT_EPOCH } from '../../../engine/engine.ts';
import { createCluster } from '../../../engine/runtime/create-cluster.ts';
import { terminal } from '../kubectl/helpers.ts';

type Rec = Record<string, any>;

const DEPENDENT_KINDS = ['deployments.apps', 'replicasets.apps', 'pods', 'configmaps'] as const;

function podTemplate(app: string): Rec {
  return { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
}

/** A forest: Deployments (→ ReplicaSets → Pods), bare ReplicaSets (→ Pods), and ConfigMaps owned by either. */
const forestArb = fc.record({
  deployments: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  replicaSets: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
  configMaps: fc.array(fc.record({ owner: fc.nat(), block: fc.boolean() }), { maxLength: 4 }),
  deleteMask: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
});

describe('garbage collection and apply properties', () => {
  it('after background deletion of owners and settling, no dependent of a deleted owner remains', function () {
    this.timeout(120_000);
    fc.assert(
      fc.property(forestArb, (f) => {
        const e = createCluster({ seed: 3, epoch: DEFAULT_EPOCH });
        const owners: { key: string; name: string }[] = [];
        f.deployments.forEach((replicas, i) => {
          const name = `d${i}`;
          e.api.create('deployments.apps', 'default', {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name },
            spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(name) },
          } as KubeObject);
          owners.push({ key: 'deployments.apps', name });
        });
        f.replicaSets.forEach((replicas, i) => {
          const name = `r${i}`;
          e.api.create('replicasets.apps', 'default', {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: { name },
            spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate(name) },
          } as KubeObject);
          owners.push({ key: 'replicasets.apps', name });
        });
        e.settle(120_000);
        f.configMaps.forEach((c, i) => {
          const o = owners[c.owner % owners.length]!;
          const live = e.api.get(o.key, 'default', o.name);
          e.api.create('configmaps', 'default', {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
              name: `cm${i}`,
              ownerReferences: [{ apiVersion: 'apps/v1', kind: live.kind, name: o.name, uid: live.metadata.uid!, blockOwnerDeletion: c.block }],
            },
          } as KubeObject);
        });
        const deleted = owners.filter((_, i) => f.deleteMask[i % f.deleteMask.length]);
        for (const o of deleted) e.api.delete(o.key, 'default', o.name, { propagationPolicy: 'Background' });
        e.settle(300_000);

        const uids = new Set<string>();
        for (const k of DEPENDENT_KINDS) for (const o of e.api.list(k, 'default')) uids.add(o.metadata.uid!);
        for (const k of DEPENDENT_KINDS)
          for (const o of e.api.list(k, 'default'))
            for (const ref of o.metadata.ownerReferences ?? [])
              expect(uids.has(ref.uid), `${k}/${o.metadata.name} still owned by missing ${ref.kind}/${ref.name}`).to.equal(true);
        for (const o of deleted) expect(e.api.tryGet(o.key, 'default', o.name), `${o.key}/${o.name}`).to.equal(undefined);
      }),
      { numRuns: 12 },
    );
  });

  const dnsLabel = fc.stringMatching(/^[a-z]([-a-z0-9]{0,8}[a-z0-9])?$/);
  const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'env'), fc.constantFrom('web', 'api', 'prod', 'a-1'), { maxKeys: 3 });
  const manifestArb = fc.oneof(
    fc.record({ name: dnsLabel, labels, data: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), fc.string({ maxLength: 12 }), { maxKeys: 3 }) }).map(
      (c): Rec => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.name, labels: c.labels }, data: c.data }),
    ),
    fc
      .record({ name: dnsLabel, labels, replicas: fc.integer({ min: 0, max: 3 }), ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 2 }), env: fc.dictionary(fc.constantFrom('A', 'B', 'LOG_LEVEL'), fc.constantFrom('1', 'debug', ''), { maxKeys: 2 }) })
      .map(
        (d): Rec => ({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: d.name, labels: d.labels },
          spec: {
            replicas: d.replicas,
            selector: { matchLabels: { app: d.name } },
            template: {
              metadata: { labels: { app: d.name } },
              spec: {
                containers: [
                  {
                    name: 'main',
                    image: 'nginx:1.27',
                    ...(d.ports.length ? { ports: d.ports.map((containerPort) => ({ containerPort })) } : {}),
                    ...(Object.keys(d.env).length ? { env: Object.entries(d.env).map(([name, value]) => ({ name, value })) } : {}),
                  },
                ],
              },
            },
          },
        }),
      ),
    fc.record({ name: dnsLabel, type: fc.constantFrom('ClusterIP', 'NodePort'), ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 2 }) }).map(
      (s): Rec => ({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: s.name },
        spec: { type: s.type, selector: { app: s.name }, ports: s.ports.map((port, i) => ({ name: `p${i}`, port })) },
      }),
    ),
  );

  it('applying the same file twice prints unchanged the second time', async function () {
    this.timeout(120_000);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(manifestArb, { minLength: 1, maxLength: 3, selector: (m) => `${m['kind']}/${m['metadata'].name}` }), async (docs) => {
        const t = terminal(5);
        // kubectl reads YAML 1.1 (`n`, `on` are booleans there): write the file so it means what it says.
        t.host.workspace.write('app.yaml', docs.map((d) => stringify(d, { version: '1.1' })).join('---\n'));
        const first = await t.run('kubectl apply -f app.yaml');
        expect(first.code, first.out).to.equal(0);
        t.engine.advance(5_000);
        const second = await t.run('kubectl apply -f app.yaml');
        const kinds: Record<string, string> = { ConfigMap: 'configmap', Deployment: 'deployment.apps', Service: 'service' };
        expect(second.out).to.equal(docs.map((d) => `${kinds[d['kind']]}/${d['metadata'].name} unchanged\n`).join(''));
      }),
      { numRuns: 25 },
    );
  });
});
