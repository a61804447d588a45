// The real kubectl (v1.32, from the PATH) drives the engine through the REST bridge
// (engine/bridge, served by bin/serve-api.ts): discovery, Table printing, writes, patches,
// scale, logs, explain and errors, asserted on what kubectl prints. Skipped with a notice
// when kubectl is not on the PATH.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { serveApi, type ApiServerHandle } from '../../bin/serve-api.ts';
import { createLocalEngine, type LocalEngine } from '../../engine/index.ts';
import { findKubectl, RealKubectl } from '../fidelity/real-kubectl.ts';

const kubectlBin = findKubectl();
if (!kubectlBin) console.log('# bridge tests skipped: kubectl is not on the PATH');

describe('bridge: the real kubectl drives the engine', { skip: !kubectlBin }, () => {
  let local: LocalEngine;
  let server: ApiServerHandle;
  let k: RealKubectl;
  const kubectl = (line: string[], stdin?: string) => k.run(line, stdin !== undefined ? { stdin } : {});

  async function waitFor(args: string[], ok: (stdout: string) => boolean, ms = 15_000): Promise<string> {
    const end = Date.now() + ms;
    let last = '';
    while (Date.now() < end) {
      last = (await kubectl(args)).stdout;
      if (ok(last)) return last;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.fail(`timed out waiting on kubectl ${args.join(' ')}; last output:\n${last}`);
  }

  before(async () => {
    local = createLocalEngine({ realtime: true });
    await local.ready();
    server = await serveApi(() => local.engine, { port: 0 });
    k = new RealKubectl(server.url, kubectlBin);
  });

  after(async () => {
    await server?.close();
    local?.dispose();
    k?.dispose();
  });

  it('get nodes prints the three kind nodes', async () => {
    const r = await kubectl(['get', 'nodes']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    assert.deepEqual(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 3).join(' ')), [
      'sandbox-control-plane Ready control-plane',
      'sandbox-worker Ready <none>',
      'sandbox-worker2 Ready <none>',
    ]);
    assert.match(lines[1]!, /v1\.32\.\d+$/);
  });

  it('get pods -A lists the system pods with a NAMESPACE column', async () => {
    const r = await kubectl(['get', 'pods', '-A']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    assert.match(r.stdout, /\nkube-system\s+etcd-sandbox-control-plane\s+1\/1\s+Running\s+0\s+/);
    assert.match(r.stdout, /\nkube-system\s+coredns-\w+-\w{5}\s+1\/1\s+Running/);
  });

  it('create deployment, pods become Running, get -o yaml, scale, delete', async () => {
    let r = await kubectl(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    assert.equal(r.stdout, 'deployment.apps/web created\n', r.stderr);
    const pods = await waitFor(['get', 'pods', '-l', 'app=web', '--no-headers'], (s) => s.split('\n').filter((l) => /\s1\/1\s+Running\s/.test(l)).length === 2);
    assert.match(pods, /^web-[a-z0-9]{8,10}-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+/);

    r = await kubectl(['get', 'deploy', 'web', '-o', 'yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
    assert.match(r.stdout, /\n  replicas: 2\n/);
    assert.match(r.stdout, /\n      - image: nginx\n        imagePullPolicy: Always\n        name: nginx\n        resources: \{\}\n/);
    assert.match(r.stdout, /\n  readyReplicas: 2\n/);

    r = await kubectl(['scale', 'deployment', 'web', '--replicas=3']);
    assert.equal(r.stdout, 'deployment.apps/web scaled\n', r.stderr);
    await waitFor(['get', 'deploy', 'web', '--no-headers'], (s) => /^web\s+3\/3\s+3\s+3\s/.test(s));

    r = await kubectl(['delete', 'deployment', 'web']);
    assert.equal(r.stdout, 'deployment.apps "web" deleted\n', r.stderr);
    await waitFor(['get', 'pods', '-l', 'app=web'], (s) => s === '');
    r = await kubectl(['get', 'pods', '-l', 'app=web']);
    assert.equal(r.stderr, 'No resources found in default namespace.\n');
  });

  it('apply -f twice: created, then unchanged; then configured', async () => {
    const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
`;
    const path = k.file('settings.yaml', manifest);
    assert.equal((await kubectl(['apply', '-f', path])).stdout, 'configmap/settings created\n');
    assert.equal((await kubectl(['apply', '-f', path])).stdout, 'configmap/settings unchanged\n');
    k.file('settings.yaml', manifest.replace('fast', 'slow'));
    assert.equal((await kubectl(['apply', '-f', path])).stdout, 'configmap/settings configured\n');
    const r = await kubectl(['get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}']);
    assert.equal(r.stdout, 'slow');
  });

  it('patch: strategic merge, merge and JSON patch', async () => {
    await kubectl(['create', 'configmap', 'p', '--from-literal=a=1']);
    assert.equal((await kubectl(['patch', 'configmap', 'p', '-p', '{"data":{"b":"2"}}'])).stdout, 'configmap/p patched\n');
    assert.equal((await kubectl(['patch', 'configmap', 'p', '--type=merge', '-p', '{"data":{"c":"3"}}'])).stdout, 'configmap/p patched\n');
    assert.equal(
      (await kubectl(['patch', 'configmap', 'p', '--type=json', '-p', '[{"op":"remove","path":"/data/a"}]'])).stdout,
      'configmap/p patched\n',
    );
    assert.equal((await kubectl(['patch', 'configmap', 'p', '-p', '{"data":{"b":"2"}}'])).stdout, 'configmap/p patched (no change)\n');
    assert.equal((await kubectl(['get', 'cm', 'p', '-o', 'jsonpath={.data}'])).stdout, '{"b":"2","c":"3"}');
  });

  it('logs prints the container log', async () => {
    assert.equal((await kubectl(['run', 'logger', '--image=nginx'])).stdout, 'pod/logger created\n');
    await waitFor(['get', 'pod', 'logger', '--no-headers'], (s) => /\s1\/1\s+Running\s/.test(s));
    const r = await kubectl(['logs', 'logger']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\/docker-entrypoint\.sh: /);
    assert.match(r.stdout, /Configuration complete; ready for start up\n/);
    const tail = await kubectl(['logs', 'logger', '--tail=1']);
    assert.equal(tail.stdout.split('\n').length, 2);
  });

  it('explain pod.spec.containers reads the OpenAPI v3 document', async () => {
    const r = await kubectl(['explain', 'pod.spec.containers']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^KIND:\s+Pod\nVERSION:\s+v1\n\nFIELD: containers <\[\]Container>\n/);
    assert.match(r.stdout, /\nFIELDS:\n {2}args\t<\[\]string>\n/);
    assert.match(r.stdout, /\n {2}image\t<string>\n/);
  });

  it('errors are Status objects kubectl prints', async () => {
    const r = await kubectl(['get', 'pod', 'nope']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error from server (NotFound): pods "nope" not found\n');
    const dup = await kubectl(['create', 'configmap', 'p']);
    assert.equal(dup.stderr, 'error: failed to create configmap: configmaps "p" already exists\n');
    const bad = await kubectl(['scale', 'deployment', 'missing', '--replicas=1']);
    // kubectl's own wording when the resource builder finds nothing to scale.
    assert.equal(bad.stderr, 'error: no objects passed to scale deployments.apps "missing" not found\n');
  });

  it('api-resources lists the served types from discovery', async () => {
    const r = await kubectl(['api-resources']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND\n/);
    assert.match(r.stdout, /\npods\s+po\s+v1\s+true\s+Pod\n/);
    assert.match(r.stdout, /\ndeployments\s+deploy\s+apps\/v1\s+true\s+Deployment\n/);
    assert.match(r.stdout, /\nnodes\s+no\s+v1\s+false\s+Node\n/);
  });

  it('get -w streams changes (watch)', async () => {
    const watching = k.run(['get', 'pods', '-w', '--request-timeout=3s', '-l', 'run=watched']);
    await new Promise((r) => setTimeout(r, 500));
    await kubectl(['run', 'watched', '--image=nginx']);
    const r = await watching;
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.ok(lines.some((l) => /^watched\s+0\/1\s+Pending\s/.test(l)), r.stdout);
    assert.ok(lines.some((l) => /^watched\s+1\/1\s+Running\s/.test(l)), r.stdout);
  });

  it('drain evicts pods through the eviction subresource', async () => {
    const r = await kubectl(['drain', 'sandbox-worker2', '--ignore-daemonsets', '--force']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^node\/sandbox-worker2 cordoned\n/);
    assert.match(r.stdout, /node\/sandbox-worker2 drained\n$/);
    assert.equal((await kubectl(['uncordon', 'sandbox-worker2'])).stdout, 'node/sandbox-worker2 uncordoned\n');
  });
});
