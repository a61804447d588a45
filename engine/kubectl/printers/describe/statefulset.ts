// kubectl describe statefulset|daemonset: describeStatefulSet (with describeVolumeClaimTemplates)
// and describeDaemonSet in pkg/describe/describe.go.
import type { KubeObject } from '../../../api/meta.ts';
import type { PodTemplateSpec } from '../../../api/core-v1.ts';
import { formatLabels } from '../table.ts';
import { rfc1123z } from '../human-duration.ts';
import { annotationsMultiline, controllerPodCounts, describeEvents, describePodTemplate, eventsFor, formatSelectorQuery, goList, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

interface Claim extends KubeObject {
  spec?: { storageClassName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> } };
}
interface StatefulSet extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    template?: PodTemplateSpec;
    volumeClaimTemplates?: Claim[];
  };
  status?: { replicas?: number };
}
interface DaemonSet extends KubeObject {
  spec?: { selector?: { matchLabels?: Record<string, string> }; template?: PodTemplateSpec };
  status?: { desiredNumberScheduled?: number; currentNumberScheduled?: number; updatedNumberScheduled?: number; numberAvailable?: number; numberMisscheduled?: number };
}

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
export function claimClass(c: Claim): string {
  return c.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? c.spec?.storageClassName ?? '';
}

function labelsWithIndent(w: DescribeWriter, title: string, labels: Record<string, string> | undefined): void {
  w.write(0, `  ${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return w.write(0, '<none>\n');
  keys.forEach((k, i) => w.write(0, `${i ? '  \t' : ''}${k}=${labels![k]}\n`));
}

function describeVolumeClaimTemplates(w: DescribeWriter, templates: Claim[] | undefined): void {
  if (!templates?.length) return w.write(0, 'Volume Claims:\t<none>\n');
  w.write(0, 'Volume Claims:\n');
  for (const c of templates) {
    w.write(1, `Name:\t${c.metadata?.name ?? ''}\n`);
    w.write(1, `StorageClass:\t${claimClass(c)}\n`);
    labelsWithIndent(w, 'Labels', c.metadata?.labels);
    labelsWithIndent(w, 'Annotations', c.metadata?.annotations);
    w.write(1, `Capacity:\t${c.spec?.resources?.requests?.['storage'] ?? '<default>'}\n`);
    w.write(1, `Access Modes:\t${goList(c.spec?.accessModes)}\n`);
  }
}

export function describeStatefulSet(cx: DescribeContext, sts: StatefulSet): string {
  const spec = sts.spec ?? {};
  const c = controllerPodCounts(cx, sts, spec.selector);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sts.metadata.name}\n`);
  w.write(0, `Namespace:\t${sts.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatSelectorQuery(spec.selector) : ''}\n`);
  labelsMultiline(w, 'Labels', sts.metadata.labels);
  annotationsMultiline(w, 'Annotations', sts.metadata.annotations);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
  const ru = spec.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  describePodTemplate(w, spec.template);
  describeVolumeClaimTemplates(w, spec.volumeClaimTemplates);
  describeEvents(w, eventsFor(cx, sts), cx.now);
  return w.toString();
}

export function describeDaemonSet(cx: DescribeContext, ds: DaemonSet): string {
  const spec = ds.spec ?? {};
  const st = ds.status ?? {};
  const c = controllerPodCounts(cx, ds, spec.selector);
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatSelectorQuery(spec.selector) : ''}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
  labelsMultiline(w, 'Labels', ds.metadata.labels);
  annotationsMultiline(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${c.running} Running / ${c.waiting} Waiting / ${c.succeeded} Succeeded / ${c.failed} Failed\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, eventsFor(cx, ds), cx.now);
  return w.toString();
}
