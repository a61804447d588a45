// Generators are byte-identical to the real kubectl's: every `kubectl create <generator>`
// form below runs through /usr/bin/kubectl `--dry-run=client -o yaml` (pointed at the bridge,
// for the forms that need discovery, e.g. role resources) and through kubeplay's in-tab
// kubectl, and the outputs must be equal. Skipped with a notice when kubectl is absent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeconfigText, serveApi, type ApiServerHandle } from '../../bin/serve-api.ts';
import type { Engine } from '../../engine/engine.ts';
import { createCluster } from '../../engine/runtime/create-cluster.ts';
import { kubectl } from '../../engine/kubectl/kubectl.ts';
import { COMMANDS } from '../../engine/kubectl/commands/index.ts';
import { defaultKubeConfig } from '../../engine/kubectl/kubeconfig.ts';
import { bufferIO } from '../../engine/shell/command-io.ts';
import { Workspace } from '../../engine/workspace.ts';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const hasKubectl = existsSync(KUBECTL);
if (!hasKubectl) console.log(`generators: ${KUBECTL} not found; skipping the comparison with the real kubectl`);

/** Each form is the argument list after `kubectl`; files named here are created in the temp dir. */
const FORMS: string[][] = [
  ['create', 'deployment', 'web', '--image=nginx'],
  ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3', '--port=80'],
  ['create', 'deployment', 'multi', '--image=nginx', '--image=busybox'],
  ['create', 'configmap', 'cfg', '--from-literal=a=b', '--from-literal=c=d'],
  ['create', 'configmap', 'cfg', '--from-file=app.properties'],
  ['create', 'configmap', 'cfg', '--from-file=key=app.properties', '--from-literal=x=y'],
  ['create', 'configmap', 'cfg', '--from-env-file=app.env'],
  ['create', 'configmap', 'empty'],
  ['create', 'secret', 'generic', 's1', '--from-literal=user=admin', '--from-literal=pass=s3cr=t'],
  ['create', 'secret', 'generic', 's2', '--from-file=app.properties', '--type=Opaque'],
  ['create', 'secret', 'generic', 's3', '--from-env-file=app.env'],
  ['create', 'secret', 'generic', 'empty'],
  ['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.example.com', '--docker-username=u', '--docker-password=p', '--docker-email=e@example.com'],
  ['create', 'secret', 'docker-registry', 'reg2', '--docker-username=u', '--docker-password=p'],
  ['create', 'secret', 'tls', 'tls1', '--cert=tls.crt', '--key=tls.key'],
  ['create', 'service', 'clusterip', 'web', '--tcp=80:8080'],
  ['create', 'service', 'clusterip', 'web', '--tcp=80:8080', '--tcp=443:8443'],
  ['create', 'service', 'clusterip', 'headless', '--clusterip=None'],
  ['create', 'service', 'clusterip', 'same', '--tcp=80:80'],
  ['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080'],
  ['create', 'service', 'nodeport', 'np2', '--tcp=5678'],
  ['create', 'service', 'loadbalancer', 'lb', '--tcp=80:http'],
  ['create', 'service', 'externalname', 'ext', '--external-name=example.com'],
  ['create', 'namespace', 'dev'],
  ['create', 'serviceaccount', 'bot'],
  ['create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods'],
  ['create', 'role', 'r1', '--verb=get', '--resource=pods,deployments.apps,pods/log', '--resource-name=x', '--resource-name=y'],
  ['create', 'clusterrole', 'cr', '--verb=get,list', '--resource=nodes,deployments'],
  ['create', 'clusterrole', 'logs', '--verb=get', '--non-resource-url=/logs/*', '--non-resource-url=/healthz'],
  ['create', 'clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true'],
  ['create', 'rolebinding', 'rb', '--role=pod-reader', '--user=jane', '--group=devs', '--serviceaccount=default:bot'],
  ['create', 'rolebinding', 'rb2', '--clusterrole=view', '--user=jane'],
  ['create', 'clusterrolebinding', 'crb', '--clusterrole=cluster-admin', '--user=root', '--serviceaccount=kube-system:admin'],
  ['create', 'quota', 'q', '--hard=cpu=1000m,memory=1024Mi,pods=10'],
  ['create', 'quota', 'q2', '--hard=pods=2', '--scopes=BestEffort,NotTerminating'],
  ['create', 'priorityclass', 'high', '--value=1000', '--description=important'],
  ['create', 'priorityclass', 'def', '--value=10', '--global-default=true', '--preemption-policy=Never'],
  ['create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080'],
  ['create', 'ingress', 'ing', '--rule=foo.com/bar=svc1:8080,tls=my-cert', '--rule=/path*=svc2:http', '--class=nginx', '--annotation=a=b', '--default-backend=defsvc:80'],
  ['create', 'ingress', 'multi', '--rule=a.com/*=svc:80,tls', '--rule=a.com/x=svc2:81', '--rule=b.com/=svc3:82,tls=c'],
  ['create', 'poddisruptionbudget', 'pdb1', '--selector=app=web', '--min-available=1'],
  ['create', 'pdb', 'pdb2', '--selector=app=web,tier in (fe)', '--max-unavailable=50%'],
  ['create', 'job', 'pi', '--image=perl:5.34'],
  ['create', 'job', 'hello', '--image=busybox:1.36', '--', 'echo', 'hello'],
  ['create', 'cronjob', 'tick', '--image=busybox:1.36', '--schedule=*/1 * * * *', '--', 'date'],
  ['run', 'nginx', '--image=nginx'],
  ['run', 'web', '--image=nginx:1.27', '--port=80', '--labels=app=web,tier=fe', '--env=A=1', '--env=B=2'],
  ['run', 'bb', '--image=busybox:1.36', '--restart=Never', '--command', '--', 'sleep', '3600'],
  ['run', 'bb2', '--image=busybox:1.36', '--', 'sh', '-c', 'echo hi'],
  ['expose', 'deployment', 'web', '--port=80', '--target-port=8080'],
  ['expose', 'deployment', 'web', '--type=NodePort', '--name=web-np'],
];

let dir = '';
let server: ApiServerHandle | undefined;
let kubeconfig = '';

function writeFixtures(d: string): void {
  writeFileSync(join(d, 'app.properties'), 'color=blue\nsize=10\n');
  writeFileSync(join(d, 'app.env'), '# comment\nMODE=prod\nLEVEL=3\n\nEMPTY=\n');
  const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(d, 'tls.key'), '-out', join(d, 'tls.crt'), '-days', '1', '-subj', '/CN=example.com'], { stdio: 'ignore' });
  if (r.status !== 0) {
    // A fixed self-signed pair when openssl is missing.
    writeFileSync(join(d, 'tls.crt'), readFileSync(new URL('../fixtures/tls.crt', import.meta.url)));
    writeFileSync(join(d, 'tls.key'), readFileSync(new URL('../fixtures/tls.key', import.meta.url)));
  }
}

/** Objects some forms need on the server (expose reads the deployment it exposes). */
async function seed(engine: Engine): Promise<void> {
  const workspace = new Workspace(engine.store);
  await kubectl(['create', 'deployment', 'web', '--image=nginx', '--port=8080'], { engine, workspace, config: defaultKubeConfig(), io: bufferIO() });
  engine.runUntilQuiet();
}

async function ours(args: string[]): Promise<string> {
  const engine = createCluster({ seed: 1 });
  await seed(engine);
  const workspace = new Workspace(engine.store, (p) => {
    try {
      return readFileSync(join(dir, p), 'utf8');
    } catch {
      return undefined;
    }
  });
  const io = bufferIO();
  await kubectl([...args, '--dry-run=client', '-o', 'yaml'], { engine, workspace, config: defaultKubeConfig(), io });
  return io.combined();
}

/** Asynchronous: the bridge answering kubectl's discovery runs on this process's event loop. */
function real(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(KUBECTL, [...args, '--dry-run=client', '-o', 'yaml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, KUBECONFIG: kubeconfig } }, (_e, stdout, stderr) =>
      resolve((stdout ?? '') + (stderr ?? '')),
    );
  });
}

describe('generators match kubectl --dry-run=client -o yaml', { skip: !hasKubectl }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubeplay-gen-'));
    writeFixtures(dir);
    const engine = createCluster({ seed: 1 });
    await seed(engine);
    server = await serveApi(() => engine, { port: 0 });
    kubeconfig = join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigText(server.url));
    execFileSync(KUBECTL, ['version', '--client'], { stdio: 'ignore' });
  });
  after(async () => {
    await server?.close();
  });
  for (const form of FORMS) {
    it(`kubectl ${form.join(' ')}`, async () => {
      assert.equal(await ours(form), await real(form));
    });
  }
});

/** Every command path in the table (`get`, `create deployment`, `config view`, ...). */
function commandPaths(): string[][] {
  const out: string[][] = [];
  const walk = (cmds: readonly { name: string; subcommands?: readonly unknown[] }[], prefix: string[]) => {
    for (const c of cmds) {
      out.push([...prefix, c.name]);
      walk((c.subcommands ?? []) as { name: string }[], [...prefix, c.name]);
    }
  };
  walk(COMMANDS, []);
  return out;
}

describe('--help prints kubectl v1.32 text for every command', { skip: !hasKubectl }, () => {
  for (const path of commandPaths()) {
    it(`kubectl ${path.join(' ')} --help`, async () => {
      const engine = createCluster({ seed: 1 });
      const io = bufferIO();
      const code = await kubectl([...path, '--help'], { engine, workspace: new Workspace(engine.store), config: defaultKubeConfig(), io });
      const real = await new Promise<string>((resolve) =>
        execFile(KUBECTL, [...path, '--help'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } }, (_e, stdout) => resolve(stdout)),
      );
      assert.equal(code, 0);
      assert.equal(io.combined(), real);
    });
  }
});
