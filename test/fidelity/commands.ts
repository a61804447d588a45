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
  'kubectl create secret generic s1 --from-literal=password=abc123',
  'kubectl create serviceaccount builder',
  'kubectl expose deployment web --port=80',
  'kubectl create service nodeport np --tcp=80:8080',
  'kubectl create job hello --image=busybox -- echo hi',
  'kubectl create cronjob tick --image=busybox --schedule="*/5 * * * *" -- date',
  'kubectl create ingress web --rule="example.com/=web:80"',
  'kubectl create quota q1 --hard=pods=10,cpu=4 -n team-a',
  'kubectl create priorityclass high --value=1000 --description=important',
  'kubectl create pdb web-pdb --selector=app=web --min-available=1',
  'kubectl create role reader --verb=get,list --resource=pods',
  'kubectl create rolebinding reader-b --role=reader --serviceaccount=default:builder',
  'kubectl create clusterrole node-reader --verb=get --resource=nodes',
  'kubectl create clusterrolebinding nr --clusterrole=node-reader --user=alice',
  'kubectl autoscale deployment web --min=2 --max=5 --cpu-percent=80',
];

/** Kinds kubectl has no generator for, applied after SETUP (a limit range with one resource: Go's map order again). */
export const SETUP_MANIFEST = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: db
        image: nginx
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: team-a
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox
        command: ["sh", "-c", "sleep 3600"]
        resources:
          limits:
            memory: 64Mi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: scratch
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 2Gi
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-allow
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes: ["Ingress"]
  ingress:
  - from:
    - podSelector:
        matchLabels:
          role: client
    ports:
    - protocol: TCP
      port: 80
---
apiVersion: v1
kind: LimitRange
metadata:
  name: limits
  namespace: team-a
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
    defaultRequest:
      cpu: 100m
`;

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
  // every kind: get in several formats, its describer
  'kubectl get secrets',
  'kubectl get secret s1 -o yaml',
  'kubectl get secret s1 -o jsonpath={.data.password}',
  'kubectl get sa',
  'kubectl get sa builder -o json',
  'kubectl get svc web -o yaml',
  'kubectl get svc -o custom-columns=NAME:.metadata.name,TYPE:.spec.type,IP:.spec.clusterIP',
  'kubectl get jobs',
  'kubectl get jobs -o wide',
  'kubectl get job hello -o yaml',
  'kubectl get cronjobs -o wide',
  'kubectl get cj tick -o json',
  'kubectl get sts -o wide',
  'kubectl get sts db -o yaml',
  'kubectl get ds -A -o wide',
  'kubectl get ds agent -n team-a -o yaml',
  'kubectl get pvc -o wide',
  'kubectl get pvc data-db-0 -o yaml',
  'kubectl get pv -o custom-columns=NAME:.metadata.name,CLAIM:.spec.claimRef.name',
  'kubectl get sc -o wide',
  'kubectl get sc standard -o yaml',
  'kubectl get ing -o wide',
  'kubectl get ing web -o yaml',
  'kubectl get quota -A',
  'kubectl get quota q1 -n team-a -o yaml',
  'kubectl get limits -A',
  'kubectl get pc',
  'kubectl get pc high -o yaml',
  'kubectl get pdb -o wide',
  'kubectl get pdb web-pdb -o yaml',
  'kubectl get roles -o wide',
  'kubectl get role reader -o yaml',
  'kubectl get rolebindings -o wide',
  'kubectl get clusterrole node-reader -o yaml',
  'kubectl get clusterrolebinding nr -o wide',
  'kubectl get hpa',
  'kubectl get hpa web -o yaml',
  'kubectl get netpol',
  'kubectl get netpol web-allow -o yaml',
  'kubectl get events --field-selector=involvedObject.kind=StatefulSet',
  'kubectl get endpointslices -o wide',
  'kubectl get leases -n kube-node-lease',
  'kubectl get controllerrevisions -o name',
  'kubectl get all -o wide',
  'kubectl get sts,ds,job,cj -A -o name',
  'kubectl get pods -l app=db -o jsonpath=\'{range .items[*]}{.metadata.name} {.spec.nodeName}{"\\n"}{end}\'',
  'kubectl get nodes -o custom-columns=NAME:.metadata.name,CPU:.status.capacity.cpu,READY:.status.conditions[-1].status',
  'kubectl get pods -A --no-headers -o wide',
  'kubectl get deploy web -o go-template=\'{{.metadata.name}} {{.spec.replicas}}\'',
  'kubectl describe secret s1',
  // describe
  'kubectl describe sa builder',
  'kubectl describe svc web',
  'kubectl describe job hello',
  'kubectl describe cronjob tick',
  'kubectl describe sts db',
  'kubectl describe ds agent -n team-a',
  'kubectl describe pvc scratch',
  'kubectl describe pvc data-db-0',
  'kubectl describe pv',
  'kubectl describe ing web',
  'kubectl describe quota q1 -n team-a',
  'kubectl describe pc high',
  'kubectl describe pdb web-pdb',
  'kubectl describe role reader',
  'kubectl describe rolebinding reader-b',
  'kubectl describe clusterrole node-reader',
  'kubectl describe clusterrolebinding nr',
  'kubectl describe hpa web',
  'kubectl describe netpol web-allow',
  'kubectl describe limits limits -n team-a',
  'kubectl describe sc standard',
  'kubectl describe endpoints web',
  'kubectl describe endpointslices -l kubernetes.io/service-name=web',
  'kubectl describe lease -n kube-node-lease sandbox-worker',
  'kubectl describe pods -n kube-system',
  'kubectl describe nodes',
  'kubectl describe clusterrole admin',
  'kubectl describe ingressclass',
  'kubectl get pvc nope',
  'kubectl describe sts nope',
  // errors, logs, auth
  'kubectl get roles -n nope',
  'kubectl get pods --field-selector=spec.foo=bar',
  'kubectl get pods -o jsonpath=\'{.items[0].metadata.nam\'',
  'kubectl get pods -o custom-columns=NAME',
  'kubectl get pods -o yamlx',
  'kubectl logs hello-nope',
  'kubectl logs job/hello',
  'kubectl logs sts/db',
  'kubectl auth can-i list pods',
  'kubectl auth can-i get nodes --as=alice',
  'kubectl auth can-i delete nodes --as=alice',
  'kubectl auth can-i list pods --as=system:serviceaccount:default:builder',
  'kubectl auth can-i --list',
  'kubectl auth can-i --list --as=alice',
  'kubectl auth can-i --list --as=system:serviceaccount:default:builder',
  'kubectl auth can-i get /healthz --as=alice',
  'kubectl auth can-i frob pods',
  'kubectl describe svc',
  'kubectl describe sa -A',
  'kubectl describe endpointslices -A',
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
  'kubectl scale deploy nope web --replicas=3',
  'kubectl scale cm one-key --replicas=2',
  'kubectl scale sts db --replicas=1',
  'kubectl label pods -l app=web tier=web',
  'kubectl label deployment web tier=backend',
  'kubectl label deployment web tier=backend --overwrite',
  'kubectl label deployment web tier-',
  'kubectl annotate deployment web note=again',
  'kubectl annotate deployment web note=again --overwrite',
  'kubectl set image deployment/web nginx=nginx:1.27',
  'kubectl rollout status deployment/web',
  'kubectl rollout history deployment/web',
  'kubectl rollout undo deployment/web',
  'kubectl rollout pause deployment/web',
  'kubectl rollout resume deployment/web',
  'kubectl create secret generic s2 --from-literal=a=b',
  'kubectl create sa sa2',
  'kubectl create role r2 --verb=get --resource=pods',
  'kubectl create rolebinding rb2 --role=r2 --user=bob',
  'kubectl create quota q2 --hard=pods=3',
  'kubectl create priorityclass pc2 --value=10',
  'kubectl create pdb pdb2 --selector=app=x --max-unavailable=1',
  'kubectl create ingress ing2 --rule=a.com/=web:80',
  'kubectl create service clusterip svc2 --tcp=80:80',
  'kubectl create deployment bad --image=nginx --replicas=-1',
  'kubectl create configmap one-key --from-literal=a=b',
  'kubectl patch deployment web -p \'{"spec":{"replicas":3}}\'',
  'kubectl patch deployment web --type=json -p \'[{"op":"replace","path":"/spec/replicas","value":2}]\'',
  'kubectl patch deployment nope -p \'{"spec":{}}\'',
  'kubectl delete pods -l app=nope',
  'kubectl delete secret s2 sa2',
  'kubectl delete cm,secret -l nope=1',
  'kubectl delete role r2 --dry-run=server',
  'kubectl create deployment web --image=nginx',
  'kubectl expose deployment api --port=80 -n team-a',
  // The twins ended in the same state.
  'kubectl get all -A',
  'kubectl get deploy web -o yaml',
  'kubectl get deploy from-file -o yaml',
  'kubectl get pod solo -o yaml',
  'kubectl get all -n team-a -o wide',
  'kubectl get secrets,sa,roles,rolebindings,quota,pdb,ing',
  'kubectl describe deploy web',
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
const AGE = /(?<=^|\s)(<invalid>|\d+[smhdy](\d+[smh])?)(?=[\s)]|$)/g;

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
