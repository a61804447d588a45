// Nodes as kind registers them: a docker container per node on the 172.18.0.0/16 network, a
// /24 pod CIDR each (10.244.N.0/24 in registration order), the kind/kubeadm labels and taints,
// and a Ready kubelet. `sim node add|stop|start|remove` call these.
import type { Node, Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { setNodeComponent, registerComponent } from '../components/control-plane.ts';
import { listPodsOnNode } from '../controllers/listers.ts';
import type { Engine } from '../engine.ts';
import { quantityValue } from '../scheduler/resources.ts';
import { CONTAINERD_VERSION, KERNEL_VERSION, KUBERNETES_VERSION, OS_IMAGE } from './versions.ts';
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';
/** ≈ 8 GiB as a kind node reports it (the docker host's memory, in Ki). */
export const DEFAULT_MEMORY = '8148564Ki';
export const DEFAULT_CPU = '4';
export const EPHEMERAL_STORAGE = '102625208Ki';

export interface AddNodeOptions {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  controlPlane?: boolean;
}

const COUNTER = 'cluster/node-counter';

function memoryKi(q: string | undefined): string {
  if (!q) return DEFAULT_MEMORY;
  if (/^\d+Ki$/.test(q)) return q;
  const v = quantityValue(q);
  return Number.isFinite(v) && v > 0 ? `${Math.floor(v / 1024)}Ki` : DEFAULT_MEMORY;
}

function hexId(engine: Engine, n: number): string {
  return engine.api.uuid().replace(/-/g, '').slice(0, n);
}

export function nodeReadyConditions(now: string): NonNullable<Node['status']>['conditions'] {
  const c = (type: string, status: 'True' | 'False', reason: string, message: string) => ({
    lastHeartbeatTime: now, lastTransitionTime: now, message, reason, status, type,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

export function addNode(engine: Engine, name: string, opts: AddNodeOptions = {}): void {
  const n = engine.store.getRecord<number>(COUNTER) ?? 0;
  engine.store.setRecord(COUNTER, n + 1);
  const ip = `172.18.0.${n + 2}`;
  const podCIDR = `10.244.${n}.0/24`;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    ...(opts.controlPlane ? { [CONTROL_PLANE_LABEL]: '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...(opts.labels ?? {}),
  };
  const resources = {
    cpu: opts.cpu ?? DEFAULT_CPU,
    'ephemeral-storage': EPHEMERAL_STORAGE,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: memoryKi(opts.memory),
    pods: '110',
  };
  const now = engine.clock.nowRFC3339();
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      providerID: `kind://docker/sandbox/${name}`,
      ...(opts.controlPlane ? { taints: [{ key: CONTROL_PLANE_LABEL, effect: 'NoSchedule' as const }] } : {}),
    },
  };
  const created = engine.api.create<Node>('nodes', undefined, node).object;
  const status: Node['status'] = {
    addresses: [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }],
    allocatable: { ...resources },
    capacity: { ...resources },
    conditions: nodeReadyConditions(now),
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      architecture: 'amd64',
      bootID: engine.api.uuid(),
      containerRuntimeVersion: CONTAINERD_VERSION,
      kernelVersion: KERNEL_VERSION,
      kubeProxyVersion: KUBERNETES_VERSION,
      kubeletVersion: KUBERNETES_VERSION,
      machineID: hexId(engine, 32),
      operatingSystem: 'linux',
      osImage: OS_IMAGE,
      systemUUID: engine.api.uuid(),
    },
  };
  const next = structuredClone(created) as KubeObject;
  next['status'] = status;
  engine.api.updateStatus('nodes', next);
  registerComponent(engine, `kube-proxy/${name}`);
}

/** `sim node stop|start`: the node's kubelet process. */
export function setNodeKubelet(engine: Engine, name: string, running: boolean): void {
  engine.api.get('nodes', undefined, name);
  setNodeComponent(engine, `kubelet/${name}`, running ? 'start' : 'stop');
}

/** `sim node remove`: the Node object goes; pods bound to it are deleted as the pod GC does. */
export function removeNode(engine: Engine, name: string): void {
  engine.api.get('nodes', undefined, name);
  for (const p of listPodsOnNode(engine.api, name) as Pod[])
    engine.api.delete('pods', p.metadata.namespace, p.metadata.name!, { gracePeriodSeconds: 0 });
  engine.api.delete('nodes', undefined, name);
}
