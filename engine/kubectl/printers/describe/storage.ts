// kubectl describe persistentvolumeclaim|persistentvolume|storageclass: the describers of the
// same names in pkg/describe/describe.go.
import type { KubeObject } from '../../../api/meta.ts';
import { formatLabels } from '../table.ts';
import { rfc1123z } from '../human-duration.ts';
import { humanDuration } from '../human-duration.ts';
import { parseTime } from '../../../time/clock.ts';
import { annotationsMultiline, describeEvents, eventsFor, goList, labelsMultiline, type DescribeContext } from './common.ts';
import { claimClass } from './statefulset.ts';
import { DescribeWriter } from './writer.ts';

type Rec = Record<string, unknown>;
interface Pvc extends KubeObject {
  spec?: { storageClassName?: string; volumeName?: string; volumeMode?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> }; dataSource?: { apiGroup?: string; kind?: string; name?: string } };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string>; conditions?: { type: string; status: string; lastProbeTime?: string; lastTransitionTime?: string; reason?: string; message?: string }[] };
}
interface Pv extends KubeObject {
  spec?: Rec & { storageClassName?: string; claimRef?: { namespace?: string; name?: string }; persistentVolumeReclaimPolicy?: string; accessModes?: string[]; volumeMode?: string; capacity?: Record<string, string>; nodeAffinity?: { required?: { nodeSelectorTerms?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] } } };
  status?: { phase?: string; message?: string };
}

const MODES: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

/** storageutil.GetAccessModesAsString: abbreviations in a fixed order, each once. */
function accessModes(list: string[] | undefined): string {
  const have = new Set(list ?? []);
  return Object.keys(MODES).filter((m) => have.has(m)).map((m) => MODES[m]).join(',');
}

function terminating(o: KubeObject, now: number): string {
  return `Terminating (lasts ${humanDuration(now - (parseTime(o.metadata.deletionTimestamp ?? undefined) ?? now))})`;
}

export function describePvc(cx: DescribeContext, pvc: Pvc): string {
  const spec = pvc.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  w.write(0, `Status:\t${pvc.metadata.deletionTimestamp ? terminating(pvc, cx.now) : (pvc.status?.phase ?? '')}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  labelsMultiline(w, 'Labels', pvc.metadata.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = !!spec.volumeName;
  w.write(0, `Capacity:\t${bound ? (pvc.status?.capacity?.['storage'] ?? '0') : ''}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
  // getPodsForPVC: pods mounting the claim, then pods owning it.
  const pods = cx.api.list('pods', pvc.metadata.namespace) as (KubeObject & { spec?: { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] } })[];
  const users = pods.filter((p) => (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !users.includes(owner)) users.push(owner);
  }
  const names = users.map((p) => p.metadata.name ?? '').sort();
  w.write(0, 'Used By:\t');
  if (names.length === 0) w.write(0, '<none>\n');
  names.forEach((n, i) => w.write(0, `${i ? '\t' : ''}${n}\n`));
  const conds = pvc.status?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  describeEvents(w, eventsFor(cx, pvc), cx.now);
  return w.toString();
}

export function describePv(cx: DescribeContext, pv: Pv): string {
  const spec = pv.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  labelsMultiline(w, 'Labels', pv.metadata.labels);
  annotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${pv.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? ''}\n`);
  w.write(0, `Status:\t${pv.metadata.deletionTimestamp ? terminating(pv, cx.now) : (pv.status?.phase ?? '')}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
  w.write(0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  w.write(0, `Capacity:\t${spec.capacity?.['storage'] ?? '0'}\n`);
  w.write(0, 'Node Affinity:\t');
  const req = spec.nodeAffinity?.required;
  if (!req) w.write(0, '<none>\n');
  else {
    w.write(0, '\n');
    w.write(1, 'Required Terms:\t');
    const terms = req.nodeSelectorTerms ?? [];
    if (terms.length === 0) w.write(0, '<none>\n');
    else {
      w.write(0, '\n');
      terms.forEach((t, i) => {
        w.write(2, `Term ${i}:\t`);
        const exprs = t.matchExpressions ?? [];
        if (exprs.length === 0) w.write(0, '<none>\n');
        exprs.forEach((e, j) => {
          if (j) w.write(2, '\t');
          w.write(0, `${e.key} ${e.operator.toLowerCase()}${e.values?.length ? ` [${e.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  w.write(0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(0, 'Source:\n');
  const hostPath = spec['hostPath'] as { path?: string; type?: string } | undefined;
  const local = spec['local'] as { path?: string; fsType?: string } | undefined;
  if (hostPath) w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hostPath.path ?? ''}\n    HostPathType:\t${hostPath.type ?? '<none>'}\n`);
  else if (local) w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${local.path ?? ''}\n`);
  else w.write(1, '<unknown>\n');
  describeEvents(w, eventsFor(cx, pv), cx.now);
  return w.toString();
}

interface StorageClass extends KubeObject {
  provisioner?: string;
  parameters?: Record<string, string>;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowedTopologies?: { matchLabelExpressions?: { key: string; values?: string[] }[] }[];
}

export function describeStorageClass(cx: DescribeContext, sc: StorageClass): string {
  const a = sc.metadata.annotations ?? {};
  const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
  w.write(0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
  w.write(0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${sc.allowVolumeExpansion === undefined ? '<unset>' : sc.allowVolumeExpansion ? 'True' : 'False'}\n`);
  if (!sc.mountOptions?.length) w.write(0, 'MountOptions:\t<none>\n');
  else {
    w.write(0, 'MountOptions:\n');
    for (const o of sc.mountOptions) w.write(1, `${o}\n`);
  }
  if (sc.reclaimPolicy) w.write(0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
  if (sc.volumeBindingMode) w.write(0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
  if (sc.allowedTopologies) {
    w.write(0, 'AllowedTopologies:\t');
    if (sc.allowedTopologies.length === 0) w.write(0, '<none>\n');
    else {
      w.write(0, '\n');
      sc.allowedTopologies.forEach((t, i) => {
        w.write(1, `Term ${i}:\t`);
        const reqs = t.matchLabelExpressions ?? [];
        if (reqs.length === 0) w.write(0, '<none>\n');
        reqs.forEach((r, j) => {
          if (j) w.write(1, '\t');
          w.write(0, `${r.key} in${r.values?.length ? ` [${r.values.join(', ')}]` : ''}\n`);
        });
      });
    }
  }
  describeEvents(w, eventsFor(cx, sc), cx.now);
  return w.toString();
}
