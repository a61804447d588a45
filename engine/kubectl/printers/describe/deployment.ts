// kubectl describe deployment: describeDeployment in pkg/describe/describe.go.
import type { Deployment, ReplicaSet } from '../../../api/apps-v1.ts';
import { rfc1123z } from '../human-duration.ts';
import { formatLabelSelector } from '../columns/selector.ts';
import { annotationsMultiline, describeEvents, describePodTemplate, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

function withoutHash(t: unknown): string {
  const c = structuredClone(t) as { metadata?: { labels?: Record<string, string> } };
  if (c?.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return JSON.stringify(c);
}

/** deploymentutil.GetAllReplicaSetsInChunks: the new RS (template equal) and every old one. */
export function replicaSetsOf(cx: DescribeContext, d: Deployment): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const owned = (cx.api.list('replicasets.apps', d.metadata.namespace) as ReplicaSet[]).filter((rs) =>
    rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid),
  );
  const want = withoutHash(d.spec.template);
  const newRS = owned
    .filter((rs) => withoutHash(rs.spec.template) === want)
    .sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''))[0];
  // describe prints allOldRSes: old replica sets scaled to zero too.
  const oldRSs = owned.filter((rs) => rs !== newRS);
  return newRS ? { newRS, oldRSs } : { oldRSs };
}

function rsList(list: ReplicaSet[]): string {
  if (list.length === 0) return '<none>';
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`).join(', ');
}

function intOrPercent(v: number | string | undefined): string {
  return v === undefined ? '0' : String(v);
}

export function describeDeployment(cx: DescribeContext, d: Deployment): string {
  const w = new DescribeWriter();
  const st = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${formatLabelSelector(d.spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${d.spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${d.spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${intOrPercent(ru.maxUnavailable)} max unavailable, ${intOrPercent(ru.maxSurge)} max surge\n`);
  describePodTemplate(w, d.spec.template);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { newRS, oldRSs } = replicaSetsOf(cx, d);
  w.write(0, `OldReplicaSets:\t${rsList(oldRSs)}\n`);
  w.write(0, `NewReplicaSet:\t${rsList(newRS ? [newRS] : [])}\n`);
  describeEvents(w, eventsFor(cx, d), cx.now);
  return w.toString();
}
