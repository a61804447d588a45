// VolumeBinding (plugins/volumebinding), the basics: every PersistentVolumeClaim a pod mounts
// must exist (PreFilter: `persistentvolumeclaim "data" not found` replaces the histogram), an
// Immediate claim must be bound, and a bound volume's node affinity must match the node.
import type { Node, Pod } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { SUCCESS, unschedulable, type Cycle, type FilterPlugin, type NodeInfo, type Status } from '../framework.ts';

export const name = 'VolumeBinding';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';

interface Claim extends KubeObject { spec?: { volumeName?: string; storageClassName?: string }; status?: { phase?: string } }
interface Volume extends KubeObject { spec?: { nodeAffinity?: { required?: { nodeSelectorTerms?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] } } } }

function claimNames(pod: Pod): string[] {
  return (pod.spec.volumes ?? []).map((v) => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName).filter((n): n is string => !!n);
}

export function preFilter(pod: Pod, cycle: Cycle): Status | undefined {
  const names = claimNames(pod);
  if (!names.length) return undefined;
  const volumes: Volume[] = [];
  for (const n of names) {
    const c = cycle.store.get('persistentvolumeclaims', pod.metadata.namespace, n) as Claim | undefined;
    if (!c) return unschedulable(name, [`persistentvolumeclaim "${n}" not found`], true);
    if (c.metadata.deletionTimestamp) return unschedulable(name, [`persistentvolumeclaim "${n}" is being deleted`], true);
    const sc = c.spec?.storageClassName ? cycle.store.get('storageclasses.storage.k8s.io', undefined, c.spec.storageClassName) : undefined;
    const waitForConsumer = (sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === 'WaitForFirstConsumer';
    if (!c.spec?.volumeName) {
      if (!waitForConsumer) return unschedulable(name, [ERR_UNBOUND_IMMEDIATE], true);
      continue;
    }
    const pv = cycle.store.get('persistentvolumes', undefined, c.spec.volumeName) as Volume | undefined;
    if (pv) volumes.push(pv);
  }
  cycle.memo.set(name, volumes);
  return undefined;
}

function matchesNode(pv: Volume, node: Node): boolean {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms?.length) return true;
  const labels = node.metadata.labels ?? {};
  return terms.some((t) => (t.matchExpressions ?? []).every((r) => {
    const v = labels[r.key];
    if (r.operator === 'In') return v !== undefined && (r.values ?? []).includes(v);
    if (r.operator === 'NotIn') return v === undefined || !(r.values ?? []).includes(v);
    if (r.operator === 'Exists') return v !== undefined;
    if (r.operator === 'DoesNotExist') return v === undefined;
    return false;
  }));
}

export function fits(_pod: Pod, info: NodeInfo, cycle: Cycle): Status {
  const volumes = cycle.memo.get(name) as Volume[] | undefined;
  if (!volumes?.length) return SUCCESS;
  return volumes.every((v) => matchesNode(v, info.node)) ? SUCCESS : unschedulable(name, [ERR_NODE_CONFLICT], true);
}

/** PreFilter Skip: no bound volume with node affinity to check. */
const skip = (_pod: Pod, cycle: Cycle) => !(cycle.memo.get(name) as Volume[] | undefined)?.length;

export const plugin = { name, preFilter, filter: fits, skip } satisfies FilterPlugin;
