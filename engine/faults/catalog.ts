// Every fault a learner (or a lesson) can inject, as data: `sim fault inject ID [TARGET]`,
// `sim fault clear ID [TARGET]`, and the page's Faults menu list these. `target` says what the
// optional argument names; `effect` is what a real cluster shows, so lessons can refer to it.
export type FaultTarget = 'cluster' | 'node' | 'pod';
export type FaultCategory = 'control-plane' | 'node' | 'workload';

export interface FaultDef {
  id: string;
  title: string;
  category: FaultCategory;
  target: FaultTarget;
  /** Node faults default to the first worker. */
  defaultTarget?: string;
  description: string;
  /** What happens, in the words of what kubectl shows. */
  effect: string;
  /** Fires once (the cluster recovers by itself); clearing is a no-op. */
  oneShot?: boolean;
}

const WORKER = 'sandbox-worker';

const stopped = (id: string, component: string, title: string, effect: string): FaultDef => ({
  id, title, category: 'control-plane', target: 'cluster',
  description: `The ${component} process stops (its static pod manifest is moved out of /etc/kubernetes/manifests).`,
  effect,
});

const crashing = (id: string, component: string, effect: string): FaultDef => ({
  id, title: `${component} crash-looping`, category: 'control-plane', target: 'cluster',
  description: `The ${component} process exits with an error right after starting (a bad flag in its manifest); the kubelet keeps restarting it.`,
  effect,
});

export const FAULTS: readonly FaultDef[] = [
  stopped('etcd-stopped', 'etcd', 'etcd stopped',
    'The API server answers every request with `Error from server: etcdserver: request timed out`; nothing in the cluster can change.'),
  stopped('apiserver-stopped', 'kube-apiserver', 'API server stopped',
    'kubectl prints `The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?`; every component stalls, running containers keep running.'),
  stopped('controller-manager-stopped', 'kube-controller-manager', 'controller manager stopped',
    'Deleted pods are not replaced, Deployments and ReplicaSets do not progress, nodes are not marked NotReady; its mirror pod disappears from kube-system.'),
  stopped('scheduler-stopped', 'kube-scheduler', 'scheduler stopped',
    'New pods stay Pending with no events (nothing tries to place them); its mirror pod disappears from kube-system.'),
  stopped('cloud-controller-manager-stopped', 'cloud-controller-manager', 'cloud controller manager stopped',
    'LoadBalancer Services keep EXTERNAL-IP `<pending>`; everything else works.'),
  crashing('etcd-crashloop', 'etcd', 'As etcd stopped, and the etcd mirror pod shows CrashLoopBackOff once the API answers again.'),
  crashing('apiserver-crashloop', 'kube-apiserver', 'As the API server stopped: the connection is refused.'),
  crashing('controller-manager-crashloop', 'kube-controller-manager',
    'Controllers stall; `kubectl get pods -n kube-system` shows the kube-controller-manager pod in CrashLoopBackOff with a restart.'),
  crashing('scheduler-crashloop', 'kube-scheduler',
    'New pods stay Pending; the kube-scheduler pod shows CrashLoopBackOff with a restart.'),
  {
    id: 'kubelet-stopped', title: 'kubelet stopped', category: 'node', target: 'node', defaultTarget: WORKER,
    description: "The node's kubelet stops: no heartbeats (Lease renewals), no pod starts or status updates.",
    effect: 'After 50 s the node is NotReady (conditions Unknown, `Kubelet stopped posting node status.`), tainted unreachable; its pods are evicted 300 s later and recreated on other nodes.',
  },
  {
    id: 'kube-proxy-stopped', title: 'kube-proxy stopped', category: 'node', target: 'node', defaultTarget: WORKER,
    description: "The node's kube-proxy stops: its Service rules are no longer updated.",
    effect: 'Traffic entering that node follows stale rules: new Services or endpoints are unknown there until kube-proxy is back.',
  },
  {
    id: 'container-runtime-stopped', title: 'container runtime stopped', category: 'node', target: 'node', defaultTarget: WORKER,
    description: 'containerd stops on the node (running containers keep running under their shims).',
    effect: 'New pods there stay ContainerCreating with `Failed to create pod sandbox: rpc error: code = Unavailable ...`; after 30 s the node is NotReady (`container runtime is down`), tainted not-ready, and its pods are evicted after 300 s (they stay Terminating until containerd is back).',
  },
  {
    id: 'node-partition', title: 'node network partition', category: 'node', target: 'node', defaultTarget: WORKER,
    description: 'The node loses its connection to the API server; the kubelet and its containers keep running.',
    effect: 'After 50 s the node is NotReady/unreachable and its pods Ready=False (they leave Service endpoints); 300 s later they are evicted and stay Terminating while replacements start elsewhere. Healing finishes the deletions.',
  },
  {
    id: 'node-memory-pressure', title: 'node memory pressure', category: 'node', target: 'node', defaultTarget: WORKER,
    description: "The node runs low on memory (below the kubelet's 100Mi hard eviction threshold).",
    effect: 'MemoryPressure=True, taint node.kubernetes.io/memory-pressure:NoSchedule, and the kubelet evicts a BestEffort pod every 10 s (STATUS Evicted); their controllers recreate them on other nodes.',
  },
  {
    id: 'node-disk-pressure', title: 'node disk pressure', category: 'node', target: 'node', defaultTarget: WORKER,
    description: 'The node runs low on disk (nodefs below its eviction threshold).',
    effect: 'DiskPressure=True and taint node.kubernetes.io/disk-pressure:NoSchedule: no new pods land there.',
  },
  {
    id: 'node-pid-pressure', title: 'node PID pressure', category: 'node', target: 'node', defaultTarget: WORKER,
    description: 'The node runs out of process IDs.',
    effect: 'PIDPressure=True and taint node.kubernetes.io/pid-pressure:NoSchedule: no new pods land there.',
  },
  {
    id: 'node-removed', title: 'node removed', category: 'node', target: 'node', defaultTarget: WORKER,
    description: 'The node is deleted from the cluster (its machine is gone); clearing adds it back, empty.',
    effect: 'Its pods are deleted at once and their controllers recreate them on the remaining nodes.',
  },
  {
    id: 'dns-down', title: 'cluster DNS down', category: 'workload', target: 'cluster',
    description: 'CoreDNS is scaled to 0 replicas in kube-system.',
    effect: 'The kube-dns Service has no endpoints: name lookups from pods time out; Service IPs and pod IPs still work.',
  },
  {
    id: 'image-registry-unreachable', title: 'image registry unreachable', category: 'workload', target: 'cluster',
    description: 'The nodes cannot reach any image registry.',
    effect: 'New pulls fail: `Failed to pull image ... dial tcp: lookup registry-1.docker.io on 172.18.0.1:53: ... i/o timeout`, ErrImagePull then ImagePullBackOff; images already on a node still start.',
  },
  {
    id: 'container-crash', title: "a pod's container crashes", category: 'workload', target: 'pod', oneShot: true,
    description: "The pod's first container exits with code 1.",
    effect: 'The container is restarted (RESTARTS 1, last state Terminated, reason Error, exit code 1); crash again within 10 s and it is in CrashLoopBackOff.',
  },
];

export function faultById(id: string): FaultDef | undefined {
  return FAULTS.find((f) => f.id === id);
}
