// The kubectl commands added for issue #7/#3: label, annotate, patch, replace, wait, events,
// explain, auth can-i, diff, edit, apply (three-way, server-side), output formats, --help.
import { expect } from '@open-wc/testing';
import { terminal } from './helpers.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        env:
        - name: A
          value: "1"
`;

describe('kubectl commands', () => {
  it('labels and annotates with kubectl overwrite rules', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    expect((await t.run('kubectl label deploy web app=x')).out).to.equal("error: 'app' already has a value (web), and --overwrite is false\n");
    expect((await t.run('kubectl label deploy web app=x --overwrite')).out).to.equal('deployment.apps/web labeled\n');
    expect((await t.run('kubectl label deploy web app=x --overwrite')).out).to.equal('deployment.apps/web not labeled\n');
    expect((await t.run('kubectl label deploy web app-')).out).to.equal('deployment.apps/web unlabeled\n');
    expect((await t.run('kubectl label deploy web app-')).out).to.equal('label "app" not found.\ndeployment.apps/web not labeled\n');
    expect((await t.run('kubectl annotate deploy web note=a')).out).to.equal('deployment.apps/web annotated\n');
    expect((await t.run('kubectl annotate deploy web note=b')).out).to.equal("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (a)\n");
    expect((await t.run('kubectl label')).out).to.equal('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect((await t.run('kubectl label deploy')).out).to.equal('error: at least one label update is required\n');
    expect((await t.run('kubectl label nodes --all zone=a')).out).to.equal('node/sandbox-control-plane labeled\nnode/sandbox-worker labeled\nnode/sandbox-worker2 labeled\n');
  });

  it('patches with the three patch types and reports no change', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    expect((await t.run(`kubectl patch deploy web -p '{"spec":{"replicas":2}}'`)).out).to.equal('deployment.apps/web patched\n');
    expect((await t.run(`kubectl patch deploy web -p '{"spec":{"replicas":2}}'`)).out).to.equal('deployment.apps/web patched (no change)\n');
    expect((await t.run(`kubectl patch deploy web --type=merge -p '{"spec":{"replicas":3}}'`)).out).to.equal('deployment.apps/web patched\n');
    expect((await t.run(`kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`)).out).to.equal('deployment.apps/web patched\n');
    expect((await t.run(`kubectl patch deploy web --type=foo -p '{}'`)).out).to.equal('error: --type must be one of [json merge strategic], not "foo"\n');
    expect((await t.run('kubectl patch deploy web')).out).to.equal('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect((await t.run(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).out).to.equal('1');
  });

  it('applies with a three-way merge: removed fields and list items go, unchanged says so', async () => {
    const t = terminal();
    t.host.workspace.write('web.yaml', WEB);
    expect((await t.run('kubectl apply -f web.yaml')).out).to.equal('deployment.apps/web created\n');
    expect((await t.run('kubectl apply -f web.yaml')).out).to.equal('deployment.apps/web unchanged\n');
    t.host.workspace.write('web.yaml', WEB.replace('  replicas: 2\n', '').replace(/        env:\n[^]*$/, ''));
    expect((await t.run('kubectl apply -f web.yaml')).out).to.equal('deployment.apps/web configured\n');
    const got = await t.run(`kubectl get deploy web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].env}'`);
    expect(got.out).to.equal('1 ');
    expect((await t.run('kubectl apply --server-side -f web.yaml')).out).to.equal('deployment.apps/web serverside-applied\n');
  });

  it('waits for conditions, deletion and jsonpath values, with timeouts', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    expect((await t.run('kubectl wait deploy/web --for=condition=Available')).out).to.equal('deployment.apps/web condition met\n');
    expect((await t.run(`kubectl wait deploy/web --for=jsonpath='{.spec.replicas}'=1`)).out).to.equal('deployment.apps/web condition met\n');
    expect((await t.run('kubectl wait deploy/web --for=condition=Available=false --timeout=2s')).out).to.equal('error: timed out waiting for the condition on deployments/web\n');
    expect((await t.run('kubectl wait deploy/web --for=foo')).out).to.equal('error: unrecognized condition: "foo"\n');
    expect((await t.run('kubectl wait deploy/web --for=condition=Available --timeout=abc')).out).to.equal(
      `Error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee 'kubectl wait --help' for usage.\n`,
    );
    expect((await t.run('kubectl wait pods -l app=nope --for=condition=Ready')).out).to.equal('error: no matching resources found\n');
  });

  it('explains kinds and fields from the OpenAPI descriptions', async () => {
    const t = terminal();
    const pods = (await t.run('kubectl explain pods')).out;
    expect(pods).to.match(/^KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers/);
    expect(pods).to.include('  spec\t<PodSpec>\n');
    const ports = (await t.run('kubectl explain pod.spec.containers.ports')).out;
    expect(ports).to.include('FIELD: ports <[]ContainerPort>\n');
    expect(ports).to.include('  containerPort\t<integer> -required-\n');
    expect((await t.run('kubectl explain deploy.spec.strategy --recursive')).out).to.include('FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<string>\n');
    expect((await t.run('kubectl explain pods.spec.nope')).out).to.equal('KIND:       Pod\nVERSION:    v1\n\nerror: field "nope" does not exist\n');
  });

  it('answers auth can-i from RBAC, with impersonation', async () => {
    const t = terminal();
    expect((await t.run('kubectl auth can-i create deployments')).out).to.equal('yes\n');
    const no = await t.run('kubectl auth can-i list pods --as=jane');
    expect([no.out, no.code]).to.deep.equal(['no\n', 1]);
    await t.run('kubectl create role pod-reader --verb=get,list --resource=pods');
    await t.run('kubectl create rolebinding jane --role=pod-reader --user=jane');
    expect((await t.run('kubectl auth can-i list pods --as=jane')).out).to.equal('yes\n');
    expect((await t.run('kubectl auth can-i list pods --as=jane -n kube-system')).out).to.equal('no\n');
    expect((await t.run('kubectl auth can-i delete pods --as=jane')).out).to.equal('no\n');
  });

  it('prints custom columns, go templates and sorted lists', async () => {
    const t = terminal();
    await t.run('kubectl create deployment b --image=nginx --replicas=2; kubectl create deployment a --image=busybox');
    expect((await t.run('kubectl get deploy -o custom-columns=NAME:.metadata.name,R:.spec.replicas,X:.nope')).out).to.equal('NAME   R     X\na      1     <none>\nb      2     <none>\n');
    expect((await t.run('kubectl get deploy --sort-by=.spec.replicas -o name')).out).to.equal('deployment.apps/a\ndeployment.apps/b\n');
    await t.run(`export POD_NAME="$(kubectl get deploy -o go-template --template '{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')"`);
    expect((await t.run('echo "$POD_NAME"')).out).to.equal('a\nb\n');
    expect((await t.run('kubectl get deploy -o custom-columns=NAME')).out).to.equal('error: unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>\n');
  });

  it('diffs a file against the live object and exits 1 on differences', async () => {
    const t = terminal();
    t.host.workspace.write('web.yaml', WEB);
    await t.run('kubectl apply -f web.yaml');
    expect((await t.run('kubectl diff -f web.yaml')).code).to.equal(0);
    t.host.workspace.write('web.yaml', WEB.replace('replicas: 2', 'replicas: 5'));
    const d = await t.run('kubectl diff -f web.yaml');
    expect(d.code).to.equal(1);
    expect(d.out).to.match(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n--- /);
    expect(d.out).to.include('\n-  replicas: 2\n+  replicas: 5\n');
  });

  it('edits from standard input and refuses without an editor', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    expect((await t.run('kubectl edit deploy web')).out).to.equal('error: there was a problem with the editor "vi"\n');
    const yaml = (await t.run('kubectl get deploy web -o yaml')).stdout.replace('replicas: 1', 'replicas: 2');
    expect((await t.run(`kubectl edit deploy web <<'EOF'\n${yaml}EOF`)).out).to.equal('deployment.apps/web edited\n');
    expect((await t.run(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).out).to.equal('2');
  });

  it('prints kubectl help text and k8s.io examples offline', async () => {
    const t = terminal();
    const help = (await t.run('kubectl label --help')).out;
    expect(help).to.match(/^Update the labels on a resource\./);
    expect((await t.run('kubectl apply -f https://k8s.io/examples/application/deployment.yaml')).out).to.equal('deployment.apps/nginx-deployment created\n');
    expect((await t.run('kubectl apply -f https://example.com/x.yaml')).out).to.equal('Unable to connect to the server: dial tcp: lookup example.com on 127.0.0.53:53: no such host\n');
    expect((await t.run('kubectl api-versions')).out).to.include('apps/v1\n');
  });

  it('lists events with kubectl events', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    const ev = (await t.run('kubectl events --for deploy/web')).out;
    expect(ev).to.match(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    expect(ev).to.include('Deployment/web');
    expect((await t.run('kubectl events --types=Foo')).out).to.equal('error: valid --types are Normal or Warning\n');
    expect((await t.run('kubectl events --for=deploy')).out).to.equal('error: --for must be in resource/name form\n');
  });
});

describe('kubectl edit in the tab', () => {
  it('opens the live object in the editor hook and applies what was saved', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    const { bufferIO } = await import('../../../engine/shell/command-io.ts');
    const { runLine } = await import('../../../engine/shell/shell.ts');
    const io = bufferIO();
    let opened = '';
    io.openEditor = async (path, content) => {
      opened = path;
      expect(t.host.workspace.read(path)).to.equal(content);
      expect(content).to.match(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n/);
      return content.replace('replicas: 1', 'replicas: 4');
    };
    expect(await runLine('kubectl edit deployment/web', io, t.host)).to.equal(0);
    expect(opened).to.match(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(io.combined()).to.equal('deployment.apps/web edited\n');
    expect(t.host.workspace.read(opened)).to.equal(undefined);
    const cancelled = bufferIO();
    cancelled.openEditor = async () => undefined;
    await runLine('kubectl edit deployment/web', cancelled, t.host);
    expect(cancelled.combined()).to.equal('Edit cancelled, no changes made.\n');
    expect((await t.run(`kubectl get deploy web -o jsonpath='{.spec.replicas}'`)).out).to.equal('4');
  });
});
