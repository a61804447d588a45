import { expect } from '@open-wc/testing';
import { describeText, yamlText } from '../../../engine/kubectl/inspect.ts';
import { terminal } from './helpers.ts';

describe('kubectl against the default cluster', () => {
  it('creates a Deployment whose three pods run, named web-<hash>-<5 chars>', async () => {
    const t = terminal();
    expect((await t.run('kubectl create deployment web --image=nginx --replicas=3')).out).to.equal('deployment.apps/web created\n');
    t.engine.settle();
    const pods = (await t.run('kubectl get pods --no-headers')).stdout.trim().split('\n');
    expect(pods).to.have.length(3);
    for (const p of pods) expect(p).to.match(/^web-[4-9bcdf]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}   1\/1   Running   0     \d+s$/);
    expect((await t.run('kubectl get deploy')).stdout).to.match(/^NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3\/3     3            3           \d+s\n$/);
  });

  it('prints generators with --dry-run=client exactly as kubectl v1.32 does', async () => {
    const t = terminal();
    const run = await t.run('kubectl run nginx --image=nginx --dry-run=client -o yaml');
    expect(run.stdout).to.equal(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n',
    );
    expect((await t.run('kubectl create deployment web --image=nginx --dry-run=client')).stdout).to.equal('deployment.apps/web created (dry run)\n');
    expect((await t.run('kubectl get deploy')).stderr).to.equal('No resources found in default namespace.\n');
  });

  it('applies: created, unchanged, configured; records last-applied-configuration', async () => {
    const t = terminal();
    t.host.workspace.write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: "1"\n');
    expect((await t.run('kubectl apply -f cm.yaml')).out).to.equal('configmap/cfg created\n');
    expect((await t.run('kubectl apply -f cm.yaml')).out).to.equal('configmap/cfg unchanged\n');
    t.host.workspace.write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  b: "2"\n');
    expect((await t.run('kubectl apply -f cm.yaml')).out).to.equal('configmap/cfg configured\n');
    const cm = t.engine.api.get('configmaps', 'default', 'cfg');
    expect(cm['data']).to.deep.equal({ b: '2' });
    expect(cm.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).to.equal(
      '{"apiVersion":"v1","data":{"b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cfg","namespace":"default"}}\n',
    );
  });

  it('prints server errors as kubectl does (Invalid with several causes)', async () => {
    const t = terminal();
    const r = await t.run(`kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad
spec:
  replicas: -1
  selector:
    matchLabels:
      app: x
  template:
    metadata:
      labels:
        app: x
    spec:
      containers:
      - name: c
        image: nginx
EOF`);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^The Deployment "bad" is invalid: spec\.replicas: Invalid value: -1: must be greater than or equal to 0\n$/);
  });

  it('scales, deletes (waiting for graceful pod deletion) and reports NotFound', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx --replicas=1');
    t.engine.settle();
    expect((await t.run('kubectl scale deployment web --replicas=2')).out).to.equal('deployment.apps/web scaled\n');
    await t.run('kubectl run one --image=nginx');
    t.engine.settle();
    const before = t.engine.clock.now();
    expect((await t.run('kubectl delete pod one')).out).to.equal('pod "one" deleted\n');
    expect(t.engine.clock.now()).to.be.greaterThan(before);
    expect(t.engine.api.tryGet('pods', 'default', 'one')).to.equal(undefined);
    expect((await t.run('kubectl delete deploy nope')).stderr).to.equal('Error from server (NotFound): deployments.apps "nope" not found\n');
  });

  it('changes the namespace of the current context', async () => {
    const t = terminal();
    expect((await t.run('kubectl config current-context')).out).to.equal('kind-sandbox\n');
    expect((await t.run('kubectl config set-context --current --namespace=kube-system')).out).to.equal('Context "kind-sandbox" modified.\n');
    expect((await t.run('kubectl get pods -o name | grep -c etcd')).stdout).to.equal('1\n');
    expect((await t.run('kubectl config get-contexts')).stdout).to.equal(
      'CURRENT   NAME           CLUSTER        AUTHINFO       NAMESPACE\n*         kind-sandbox   kind-sandbox   kind-sandbox   kube-system\n',
    );
  });

  it('gives the inspector the same text as describe and get -o yaml', async () => {
    const t = terminal();
    await t.run('kubectl create deployment web --image=nginx');
    t.engine.settle();
    expect(describeText(t.engine, { kind: 'Deployment', namespace: 'default', name: 'web' })).to.equal((await t.run('kubectl describe deployment web')).stdout);
    expect(yamlText(t.engine, { kind: 'Deployment', namespace: 'default', name: 'web' })).to.equal((await t.run('kubectl get deployment web -o yaml')).stdout);
    expect(describeText(t.engine, { kind: 'Pod', namespace: 'default', name: 'nope' })).to.equal('Error from server (NotFound): pods "nope" not found\n');
  });
});
