// `kubectl get` columns for the workload and storage kinds of issue #4 (printers.go: printJob,
// printCronJob, printStatefulSet, printHorizontalPodAutoscaler, printPersistentVolumeClaim,
// printPersistentVolume, printStorageClass, printControllerRevision).
import type { Container } from '../../../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../../../api/meta.ts';
import { humanDuration } from '../human-duration.ts';
import type { Column } from '../table.ts';
import { age } from './pod.ts';
import { formatLabelSelector } from './selector.ts';

type Obj = KubeObject & { spec?: Record<string, any>; status?: Record<string, any> };

const name: Column<Obj> = { name: 'Name', cell: (o) => o.metadata.name ?? '' };
const ageCol: Column<Obj> = { name: 'Age', cell: (o, cx) => age(o.metadata.creationTimestamp, cx) };
const has = (o: Obj, type: string) => (o.status?.['conditions'] as { type: string; status: string }[] | undefined)?.some((c) => c.type === type && c.status === 'True') ?? false;
const containerCols = (f: (o: Obj) => Container[] | undefined): Column<Obj>[] => [
  { name: 'Containers', wide: true, cell: (o) => (f(o) ?? []).map((c) => c.name).join(',') },
  { name: 'Images', wide: true, cell: (o) => (f(o) ?? []).map((c) => c.image ?? '').join(',') },
];
const t = (s: string | undefined) => (s ? Date.parse(s) : NaN);

export const jobs: Column<Obj>[] = [
  name,
  {
    name: 'Status',
    cell: (o) =>
      has(o, 'Complete') ? 'Complete' : has(o, 'Failed') ? 'Failed' : o.metadata.deletionTimestamp ? 'Terminating'
        : has(o, 'FailureTarget') ? 'FailureTarget' : has(o, 'Suspended') ? 'Suspended' : has(o, 'SuccessCriteriaMet') ? 'SuccessCriteriaMet' : 'Running',
  },
  {
    name: 'Completions',
    cell: (o) => {
      const s = o.status?.['succeeded'] ?? 0;
      const c = o.spec?.['completions'];
      const p = o.spec?.['parallelism'];
      if (c !== undefined) return `${s}/${c}`;
      return p !== undefined && p > 1 ? `${s}/1 of ${p}` : `${s}/1`;
    },
  },
  {
    name: 'Duration',
    cell: (o, cx) => {
      const start = t(o.status?.['startTime']);
      if (Number.isNaN(start)) return '';
      const end = t(o.status?.['completionTime']);
      return humanDuration((Number.isNaN(end) ? cx.now : end) - start);
    },
  },
  ageCol,
  ...containerCols((o) => o.spec?.['template']?.spec?.containers),
  { name: 'Selector', wide: true, cell: (o) => formatLabelSelector(o.spec?.['selector'] as LabelSelector | undefined) },
];

export const cronjobs: Column<Obj>[] = [
  name,
  { name: 'Schedule', cell: (o) => String(o.spec?.['schedule'] ?? '') },
  { name: 'Timezone', cell: (o) => o.spec?.['timeZone'] ?? '<none>' },
  { name: 'Suspend', cell: (o) => (o.spec?.['suspend'] === undefined ? '<unset>' : o.spec['suspend'] ? 'True' : 'False') },
  { name: 'Active', cell: (o) => String((o.status?.['active'] ?? []).length) },
  { name: 'Last Schedule', cell: (o, cx) => (o.status?.['lastScheduleTime'] ? age(o.status['lastScheduleTime'], cx) : '<none>') },
  ageCol,
  ...containerCols((o) => o.spec?.['jobTemplate']?.spec?.template?.spec?.containers),
  { name: 'Selector', wide: true, cell: (o) => formatLabelSelector(o.spec?.['jobTemplate']?.spec?.selector as LabelSelector | undefined) },
];

export const statefulsets: Column<Obj>[] = [
  name,
  { name: 'Ready', cell: (o) => `${o.status?.['readyReplicas'] ?? 0}/${o.spec?.['replicas'] ?? 1}` },
  ageCol,
  ...containerCols((o) => o.spec?.['template']?.spec?.containers),
];

/** printDaemonSet. */
export const daemonsets: Column<Obj>[] = [
  name,
  { name: 'Desired', cell: (o) => String(o.status?.['desiredNumberScheduled'] ?? 0) },
  { name: 'Current', cell: (o) => String(o.status?.['currentNumberScheduled'] ?? 0) },
  { name: 'Ready', cell: (o) => String(o.status?.['numberReady'] ?? 0) },
  { name: 'Up-to-date', cell: (o) => String(o.status?.['updatedNumberScheduled'] ?? 0) },
  { name: 'Available', cell: (o) => String(o.status?.['numberAvailable'] ?? 0) },
  {
    name: 'Node Selector',
    cell: (o) => {
      const sel = (o.spec?.['template']?.spec?.nodeSelector ?? {}) as Record<string, string>;
      const keys = Object.keys(sel).sort();
      return keys.length ? keys.map((k) => `${k}=${sel[k]}`).join(',') : '<none>';
    },
  },
  ageCol,
  ...containerCols((o) => o.spec?.['template']?.spec?.containers),
  { name: 'Selector', wide: true, cell: (o) => formatLabelSelector(o.spec?.['selector'] as LabelSelector | undefined) },
];

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const modes = (list: string[] | undefined) => (list ?? []).map((m) => MODES[m] ?? m).join(',');

export const persistentvolumeclaims: Column<Obj>[] = [
  name,
  { name: 'Status', cell: (o) => (o.metadata.deletionTimestamp ? 'Terminating' : o.status?.['phase'] ?? 'Pending') },
  { name: 'Volume', cell: (o) => o.spec?.['volumeName'] ?? '' },
  { name: 'Capacity', cell: (o) => (o.spec?.['volumeName'] ? o.status?.['capacity']?.storage ?? '' : '') },
  { name: 'Access Modes', cell: (o) => (o.spec?.['volumeName'] ? modes(o.status?.['accessModes']) : '') },
  { name: 'StorageClass', cell: (o) => o.spec?.['storageClassName'] ?? '' },
  { name: 'VolumeAttributesClass', cell: (o) => o.spec?.['volumeAttributesClassName'] ?? '<unset>' },
  ageCol,
  { name: 'VolumeMode', wide: true, cell: (o) => o.spec?.['volumeMode'] ?? '' },
];

export const persistentvolumes: Column<Obj>[] = [
  name,
  { name: 'Capacity', cell: (o) => o.spec?.['capacity']?.storage ?? '' },
  { name: 'Access Modes', cell: (o) => modes(o.spec?.['accessModes']) },
  { name: 'Reclaim Policy', cell: (o) => o.spec?.['persistentVolumeReclaimPolicy'] ?? '' },
  { name: 'Status', cell: (o) => (o.metadata.deletionTimestamp ? 'Terminating' : o.status?.['phase'] ?? '') },
  { name: 'Claim', cell: (o) => (o.spec?.['claimRef'] ? `${o.spec['claimRef'].namespace}/${o.spec['claimRef'].name}` : '') },
  { name: 'StorageClass', cell: (o) => o.spec?.['storageClassName'] ?? '' },
  { name: 'VolumeAttributesClass', cell: (o) => o.spec?.['volumeAttributesClassName'] ?? '<unset>' },
  { name: 'Reason', cell: (o) => o.status?.['reason'] ?? '' },
  ageCol,
  { name: 'VolumeMode', wide: true, cell: (o) => o.spec?.['volumeMode'] ?? '' },
];

export const storageclasses: Column<Obj>[] = [
  {
    name: 'Name',
    cell: (o) => (o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' ? `${o.metadata.name} (default)` : o.metadata.name ?? ''),
  },
  { name: 'Provisioner', cell: (o) => String(o['provisioner'] ?? '') },
  { name: 'ReclaimPolicy', cell: (o) => String(o['reclaimPolicy'] ?? 'Delete') },
  { name: 'VolumeBindingMode', cell: (o) => String(o['volumeBindingMode'] ?? 'Immediate') },
  { name: 'AllowVolumeExpansion', cell: (o) => String(o['allowVolumeExpansion'] ?? false) },
  ageCol,
];

export const controllerrevisions: Column<Obj>[] = [
  name,
  {
    name: 'Controller',
    cell: (o) => {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller);
      return ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split('/')[0]}/${ref.name}` : '<none>';
    },
  },
  { name: 'Revision', cell: (o) => String(o['revision'] ?? 0) },
  ageCol,
];
