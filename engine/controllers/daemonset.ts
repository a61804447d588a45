// The DaemonSet controller, minimal (pkg/controller/daemon/daemon_controller.go): one pod per
// eligible node (nodeSelector + NoSchedule/NoExecute taints tolerated), pinned with a
// `matchFields metadata.name In [node]` affinity and scheduled by the default scheduler; pods
// on nodes that are gone or no longer eligible are deleted; status counts are written.
// Rolling updates of the template are not simulated yet.
import type { Node, Pod, PodSpec, Toleration } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import { tolerates } from '../scheduler/plugins/taint-toleration.ts';
import type { Store } from '../store/store.ts';
import { controllerOf, keyOf, splitKey, type Controller, type ReconcileContext, type Result } from './controller.ts';
import { listOwnedBy } from './listers.ts';
import { computeHash } from './pod-template-hash.ts';
import { isPodActive, isPodAvailable, isPodReady } from './pod-util.ts';

export const NAME = 'daemonset-controller';

/** Tolerations the controller adds to every daemon pod (k8s-behavior 8.2). */
const DAEMON_TOLERATIONS: Toleration[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];

interface DaemonSetSpec {
  selector: { matchLabels?: Record<string, string> };
  template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpec };
  minReadySeconds?: number;
}

export function createDaemonSetController(store: Store): Controller {
  const all = () => store.list('daemonsets.apps').map(keyOf);
  return {
    name: NAME,
    watches: [
      { resource: 'daemonsets.apps' },
      {
        resource: 'pods',
        map: (o) => {
          const ref = controllerOf(o);
          return ref?.kind === 'DaemonSet' ? [`${o.metadata.namespace}/${ref.name}`] : [];
        },
      },
      { resource: 'nodes', map: (o, old) => (old && JSON.stringify(old.metadata.labels) === JSON.stringify(o.metadata.labels) && JSON.stringify(old['spec']) === JSON.stringify(o['spec']) ? [] : all()) },
    ],
    reconcile: (key, cx) => syncDaemonSet(key, cx),
  };
}

function eligible(node: Node, spec: PodSpec): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {})) if (node.metadata.labels?.[k] !== v) return false;
  const tols = [...(spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
  return (node.spec.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || tols.some((x) => tolerates(x, t)));
}

function pinnedNode(p: Pod): string | undefined {
  const terms = (p.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[] } } } | undefined)
    ?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return p.spec.nodeName ?? terms?.[0]?.matchFields?.[0]?.values?.[0];
}

function syncDaemonSet(key: string, cx: ReconcileContext): Result {
  const { namespace, name } = splitKey(key);
  const ds = cx.api.tryGet('daemonsets.apps', namespace, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const spec = ds['spec'] as DaemonSetSpec;
  const ns = ds.metadata.namespace!;
  const nodes = cx.api.list<Node>('nodes');
  const pods = listOwnedBy<Pod>(cx.api, 'pods', ns, ds.metadata.uid!).filter((p) => controllerOf(p)?.uid === ds.metadata.uid);
  const active = pods.filter(isPodActive);
  const hash = computeHash(spec.template as never);
  const generation = String(ds.metadata.generation ?? 1);
  const want = new Set(nodes.filter((n) => eligible(n, spec.template.spec)).map((n) => n.metadata.name!));

  for (const node of [...want].sort()) {
    if (active.some((p) => pinnedNode(p) === node)) continue;
    const podSpec = structuredClone(spec.template.spec);
    podSpec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    };
    podSpec.tolerations = [...(podSpec.tolerations ?? []), ...DAEMON_TOLERATIONS];
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${name}-`,
        namespace: ns,
        labels: { ...(spec.template.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': generation },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name, uid: ds.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: podSpec,
    };
    if (spec.template.metadata?.annotations) pod.metadata.annotations = { ...spec.template.metadata.annotations };
    const created = cx.api.create<Pod>('pods', ns, pod).object;
    active.push(created);
    cx.events.record(ds, { component: NAME }, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
  }
  for (const p of active) {
    const node = pinnedNode(p);
    if (node && want.has(node)) continue;
    cx.api.delete('pods', ns, p.metadata.name!);
    cx.events.record(ds, { component: NAME }, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
  }

  const live = active.filter((p) => want.has(pinnedNode(p) ?? ''));
  const scheduled = live.filter((p) => p.spec.nodeName);
  const ready = scheduled.filter(isPodReady).length;
  const available = scheduled.filter((p) => isPodAvailable(p, spec.minReadySeconds ?? 0, cx.clock.now())).length;
  const status: Record<string, number> = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: want.size,
    numberMisscheduled: 0,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: scheduled.length,
  };
  if (available) status['numberAvailable'] = available;
  if (want.size - available > 0) status['numberUnavailable'] = want.size - available;
  if (JSON.stringify(status) !== JSON.stringify(ds['status'] ?? {})) {
    const next = structuredClone(ds) as KubeObject;
    next['status'] = status;
    cx.api.updateStatus('daemonsets.apps', next);
  }
}
