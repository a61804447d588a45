// The fidelity suite's commands: each runs through the real kubectl over the bridge and
// through the in-tab kubectl on the same cluster state, and their outputs must match (ages and
// timestamps normalised). `{pod}` is replaced by the first web pod's name at run time.

/** The cluster both kubectls look at: a deployment, a config map, a namespace, settled. */
export const SETUP = [
  'kubectl create deployment web --image=nginx --replicas=2',
  'kubectl create configmap app-config --from-literal=mode=fast --from-literal=level=3',
  'kubectl create namespace team-a',
  'kubectl create deployment api --image=nginx:1.27 -n team-a',
  // describe ranges over data maps in Go's random order: one key each keeps it comparable.
  'kubectl create configmap one-key --from-literal=greeting=hello',
];

/** Read-only commands: run both ways on one engine. */
export const READ_ONLY = [
  // get: tables
  'kubectl get nodes',
  'kubectl get nodes -o wide',
  'kubectl get nodes --no-headers',
  'kubectl get pods',
  'kubectl get pods -o wide',
  'kubectl get pods -A',
  'kubectl get pods -A -o wide',
  'kubectl get pods -n kube-system',
  'kubectl get pods --show-labels',
  'kubectl get pods -L app',
  'kubectl get pods -l app=web',
  'kubectl get pods -l app=nope',
  'kubectl get pods -l app!=web -A',
  'kubectl get pods --field-selector=status.phase=Running -A',
  'kubectl get pods --sort-by=.metadata.name -A',
  'kubectl get pods {pod}',
  'kubectl get pod/{pod} -o wide',
  'kubectl get deployments',
  'kubectl get deploy -o wide',
  'kubectl get deploy -A',
  'kubectl get deploy web',
  'kubectl get rs',
  'kubectl get rs -o wide -A',
  'kubectl get svc -A',
  'kubectl get services -o wide',
  'kubectl get ns',
  'kubectl get namespace team-a',
  'kubectl get cm',
  'kubectl get configmaps -A',
  'kubectl get sa -A',
  'kubectl get secrets -A',
  'kubectl get ep -A',
  'kubectl get deploy,rs',
  'kubectl get deploy web -n default',
  'kubectl get all',
  'kubectl get all -n team-a',
  'kubectl get all -A',
  // get: other output formats
  'kubectl get deploy web -o yaml',
  'kubectl get deploy web -o json',
  'kubectl get cm app-config -o yaml',
  'kubectl get ns team-a -o yaml',
  'kubectl get node sandbox-worker -o yaml',
  'kubectl get pod {pod} -o yaml',
  'kubectl get pods -o name',
  'kubectl get deploy,cm -o name',
  'kubectl get nodes -o name',
  "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
  "kubectl get deploy web -o jsonpath='{.spec.replicas}'",
  "kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}{\"\\n\"}{end}'",
  'kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName',
  'kubectl get deploy -o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas -A',
  // describe
  'kubectl describe deployment web',
  'kubectl describe rs -l app=web',
  'kubectl describe pod {pod}',
  'kubectl describe node sandbox-worker',
  'kubectl describe ns team-a',
  'kubectl describe svc kubernetes',
  'kubectl describe cm one-key',
  // errors
  'kubectl get pod nope',
  'kubectl get deploy nope -n team-a',
  'kubectl get foo',
  'kubectl get pods -n nope',
  'kubectl describe pod nope',
  'kubectl delete pod nope',
  'kubectl delete deploy nope',
  'kubectl scale deploy nope --replicas=2',
  'kubectl logs nope',
  'kubectl get pods -l "app in (web"',
  // discovery
  'kubectl api-resources',
  'kubectl api-resources --namespaced=false',
  'kubectl api-resources -o name',
  'kubectl api-versions',
  'kubectl logs {pod}',
  'kubectl logs {pod} --tail=2',
  'kubectl logs deploy/api -n team-a',
];

/** Commands that change the cluster: run on twin engines (same seed, same setup), one per kubectl. */
export const MUTATING = [
  'kubectl create deployment shop --image=nginx --replicas=1',
  'kubectl create deployment shop --image=nginx',
  'kubectl scale deployment shop --replicas=3',
  'kubectl scale deploy/web deploy/shop --replicas=2',
  'kubectl create configmap extra --from-literal=k=v',
  'kubectl create namespace team-b',
  'kubectl create namespace team-b',
  'kubectl apply -f manifest.yaml',
  'kubectl apply -f manifest.yaml',
  'kubectl delete configmap extra',
  'kubectl delete cm app-config --dry-run=server',
  'kubectl create deployment dry --image=nginx --dry-run=server',
  'kubectl label deployment web tier=frontend',
  'kubectl annotate deployment web note=hello',
  'kubectl run solo --image=busybox --restart=Never -- sleep 3600',
  'kubectl delete deployment shop',
  'kubectl delete namespace team-b',
  // The twins ended in the same state.
  'kubectl get all -A',
  'kubectl get deploy web -o yaml',
  'kubectl get deploy from-file -o yaml',
  'kubectl get pod solo -o yaml',
];

export const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: from-file
data:
  greeting: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: from-file
spec:
  replicas: 1
  selector:
    matchLabels:
      app: from-file
  template:
    metadata:
      labels:
        app: from-file
    spec:
      containers:
      - name: app
        image: nginx
`;

const TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z|\b\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}\b/g;
const AGE = /(?<=^|\s)(<invalid>|\d+[smhdy](\d+[smh])?)(?=\s|$)/g;

/** RFC3339 and RFC1123Z timestamps become <TIME>. */
export function normaliseTimes(text: string): string {
  return text.replace(TIME, '<TIME>');
}

/**
 * Two outputs equal up to ages and timestamps. Lines that differ are compared again with ages
 * replaced (kubectl computes some ages on the client from its own clock, e.g. describe's
 * events) and the column padding that depends on their width collapsed.
 */
export function sameOutput(a: string, b: string): boolean {
  const la = normaliseTimes(a).split('\n');
  const lb = normaliseTimes(b).split('\n');
  if (la.length !== lb.length) return false;
  const loose = (l: string) => l.replace(AGE, '<AGE>').replace(/ {2,}/g, ' ').trimEnd();
  return la.every((l, i) => l === lb[i] || loose(l) === loose(lb[i]!));
}
