// Hosts every component on an Engine and creates the default kind-like cluster
// (DESIGN.md "Default cluster"): `kind create cluster --name sandbox` with two workers.
import type { Node } from '../api/core-v1.ts';
import { CONTROL_PLANE, installAvailability, registerComponent } from '../components/control-plane.ts';
import { createDaemonSetController } from '../controllers/daemonset.ts';
import { createDeploymentController } from '../controllers/deployment.ts';
import { createDisruptionController } from '../controllers/disruption.ts';
import { createNodeLifecycleController } from '../controllers/node-lifecycle.ts';
import { createTaintEvictionController } from '../controllers/taint-eviction.ts';
import { createGarbageCollector } from '../controllers/garbage-collector.ts';
import { createNamespaceController } from '../controllers/namespace.ts';
import { createResourceQuotaController } from '../controllers/resourcequota.ts';
import { createRootCAPublisher } from '../controllers/root-ca-publisher.ts';
import { createServiceAccountController } from '../controllers/serviceaccount.ts';
import { installIndexes } from '../controllers/listers.ts';
import { createReplicaSetController } from '../controllers/replicaset.ts';
import { hostWorkloadControllers } from '../controllers/workloads.ts';
import { imageDigest } from '../containers/images.ts';
import type { Engine } from '../engine.ts';
import { createKubelet } from '../kubelet/kubelet.ts';
import { guardKubelet } from '../faults/kubelet-guard.ts';
import { installNetwork } from '../network/install.ts';
import { createScheduler } from '../scheduler/scheduler.ts';
import { rfc3339Micro } from '../time/clock.ts';
import { kubeProxyDaemonSet } from './kube-proxy.ts';
import { createStandardStorageClass } from './storage-class.ts';
import { addNode } from './nodes.ts';
import { createNodeStatusReporter, nodeStatusName } from './node-status.ts';
import {
  SYSTEM_NAMESPACES, corednsConfigMap, corednsDeployment, kubeDnsService, kubernetesService, namespaceObject, staticPods,
} from './system-objects.ts';

export const CLUSTER_NAME = 'sandbox';
export const CONTROL_PLANE_NODE = `${CLUSTER_NAME}-control-plane`;
export const WORKER_NODES = [`${CLUSTER_NAME}-worker`, `${CLUSTER_NAME}-worker2`];

const installed = new WeakSet<Engine>();

/** Hosts a kubelet per Node object and drops those of removed nodes. */
function syncKubelets(engine: Engine): void {
  const nodes = new Set(engine.store.list('nodes').map((n) => n.metadata.name!));
  const hosted = new Set(engine.controllers().map((c) => c.name));
  for (const n of [...nodes].sort()) {
    // Wrapped with the node's faults (runtime stopped, partition): engine/faults/kubelet-guard.ts.
    if (!hosted.has(`kubelet/${n}`)) engine.host(guardKubelet(n, createKubelet(engine, n)), `kubelet/${n}`);
    if (!hosted.has(nodeStatusName(n))) engine.host(guardKubelet(n, createNodeStatusReporter(n)), `kubelet/${n}`);
    registerComponent(engine, `kubelet/${n}`);
    registerComponent(engine, `kube-proxy/${n}`);
  }
  for (const name of hosted) {
    const m = /^kubelet\/(.+)$/.exec(name);
    if (!m || nodes.has(m[1]!)) continue;
    engine.forgetComponent(`kubelet/${m[1]}`);
    engine.forgetComponent(`kube-proxy/${m[1]}`);
    engine.store.deleteRecord(`kubelet/ipam/${m[1]}`);
    engine.store.deleteRecord(`kubelet/images/${m[1]}`);
  }
}

/**
 * Hosts every component on the engine: kube-controller-manager controllers, the scheduler, a
 * kubelet per Node object (kept in sync as Nodes come and go), and the control-plane lifecycle
 * machines. Safe to call on a fresh Engine before or after engine.load(dump).
 */
export function installComponents(engine: Engine): void {
  if (installed.has(engine)) return;
  installed.add(engine);
  installIndexes(engine.store);
  installAvailability(engine);
  for (const c of CONTROL_PLANE) registerComponent(engine, c);
  engine.host(createDeploymentController(engine.store), 'kube-controller-manager');
  engine.host(createReplicaSetController(engine.store), 'kube-controller-manager');
  engine.host(createDaemonSetController(engine.store), 'kube-controller-manager');
  engine.host(createGarbageCollector(engine.store), 'kube-controller-manager');
  engine.host(createNamespaceController(), 'kube-controller-manager');
  engine.host(createResourceQuotaController(engine.store), 'kube-controller-manager');
  engine.host(createServiceAccountController(), 'kube-controller-manager');
  engine.host(createRootCAPublisher(), 'kube-controller-manager');
  engine.host(createNodeLifecycleController(engine.store), 'kube-controller-manager');
  engine.host(createTaintEvictionController(engine.store), 'kube-controller-manager');
  engine.host(createDisruptionController(engine.store), 'kube-controller-manager');
  hostWorkloadControllers(engine);
  engine.host(createScheduler(engine.store), 'kube-scheduler');
  installNetwork(engine);
  syncKubelets(engine);
  engine.store.watch((e) => {
    if (e.type !== 'MODIFIED') syncKubelets(engine);
  }, 'nodes');
  engine.onLoad(() => syncKubelets(engine));
}

/** Creates the default cluster and settles it so every system pod is Running. */
export function bootstrapCluster(engine: Engine): void {
  installComponents(engine);
  const api = engine.api;
  for (const ns of SYSTEM_NAMESPACES) api.create('namespaces', undefined, namespaceObject(ns));
  // `kubernetes` first: the API server creates it as it starts.
  api.create('services', 'default', kubernetesService());
  addNode(engine, CONTROL_PLANE_NODE, { controlPlane: true });
  const cp = api.get<Node>('nodes', undefined, CONTROL_PLANE_NODE);
  const seen = rfc3339Micro(engine.clock.now()).replace('Z', '000000Z').replace(/(\.\d{9})\d*Z$/, '$1Z');
  for (const pod of staticPods(cp, (s) => imageDigest(`${s}@${engine.seed}`).slice(7, 39), seen)) api.create('pods', 'kube-system', pod);
  engine.runUntilQuiet();
  for (const sa of ['kube-proxy', 'coredns'])
    api.create('serviceaccounts', 'kube-system', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
  api.create('configmaps', 'kube-system', corednsConfigMap());
  api.create('services', 'kube-system', kubeDnsService());
  api.create('daemonsets.apps', 'kube-system', kubeProxyDaemonSet());
  api.create('deployments.apps', 'kube-system', corednsDeployment());
  createStandardStorageClass(engine);
  engine.runUntilQuiet();
  for (const w of WORKER_NODES) addNode(engine, w);
  engine.settle();
}
