// kubectl describe horizontalpodautoscaler: describeHorizontalPodAutoscalerV2 in
// pkg/describe/describe.go (metrics current / target, behavior, conditions, events).
import type { KubeObject } from '../../../api/meta.ts';
import { rfc1123z } from '../human-duration.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- metric sources are a wide union
interface Hpa extends KubeObject {
  spec?: { scaleTargetRef?: { kind?: string; name?: string }; minReplicas?: number; maxReplicas?: number; metrics?: Rec[]; behavior?: { scaleUp?: Rec; scaleDown?: Rec } };
  status?: { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: Rec[]; conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

function q(v: unknown): string {
  return v === undefined || v === null ? '0' : String(v);
}

function direction(w: DescribeWriter, title: string, rules: Rec | undefined): void {
  if (!rules) return;
  w.write(1, `${title}:\n`);
  if (rules['stabilizationWindowSeconds'] !== undefined) w.write(2, `Stabilization Window: ${rules['stabilizationWindowSeconds']} seconds\n`);
  const policies = (rules['policies'] as Rec[] | undefined) ?? [];
  if (policies.length) {
    w.write(2, `Select Policy: ${rules['selectPolicy'] ?? 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const p of policies) w.write(3, `- Type: ${p['type']}\tValue: ${p['value']}\tPeriod: ${p['periodSeconds']} seconds\n`);
  }
}

export function describeHpa(cx: DescribeContext, hpa: Hpa): string {
  const spec = hpa.spec ?? {};
  const st = hpa.status ?? {};
  const cur = st.currentMetrics ?? [];
  const w = new DescribeWriter();
  w.write(0, `Name:\t${hpa.metadata.name}\n`);
  w.write(0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', hpa.metadata.labels);
  annotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(0, `Reference:\t${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}\n`);
  w.write(0, 'Metrics:\t( current / target )\n');
  (spec.metrics ?? []).forEach((m, i) => {
    const c = cur[i];
    switch (m['type']) {
      case 'External': {
        const ext = m['external'];
        if (ext.target?.averageValue !== undefined) {
          const current = c?.external?.current?.averageValue !== undefined ? q(c.external.current.averageValue) : '<unknown>';
          w.write(1, `${JSON.stringify(ext.metric?.name ?? '')} (target average value):\t${current} / ${q(ext.target.averageValue)}\n`);
        } else {
          const current = c?.external ? q(c.external.current?.value) : '<unknown>';
          w.write(1, `${JSON.stringify(ext.metric?.name ?? '')} (target value):\t${current} / ${q(ext.target?.value)}\n`);
        }
        break;
      }
      case 'Pods': {
        const current = c?.pods ? q(c.pods.current?.averageValue) : '<unknown>';
        w.write(1, `${JSON.stringify(m['pods'].metric?.name ?? '')} on pods:\t${current} / ${q(m['pods'].target?.averageValue)}\n`);
        break;
      }
      case 'Object': {
        const o = m['object'];
        w.write(1, `"${o.metric?.name ?? ''}" on ${o.describedObject?.kind ?? ''}/${o.describedObject?.name ?? ''} `);
        if (o.target?.type === 'AverageValue') w.write(0, `(target average value):\t${c?.object ? q(c.object.current?.averageValue) : '<unknown>'} / ${q(o.target.averageValue)}\n`);
        else w.write(0, `(target value):\t${c?.object ? q(c.object.current?.value) : '<unknown>'} / ${q(o.target?.value)}\n`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const container = m['type'] === 'ContainerResource';
        const r = container ? m['containerResource'] : m['resource'];
        const cr = container ? c?.containerResource : c?.resource;
        w.write(1, container ? `resource ${r.name} of container "${r.container}" on pods` : `resource ${r.name} on pods`);
        if (r.target?.averageValue !== undefined) {
          w.write(0, `:\t${cr ? q(cr.current?.averageValue) : '<unknown>'} / ${q(r.target.averageValue)}\n`);
        } else {
          const current = cr && cr.current?.averageUtilization !== undefined ? `${cr.current.averageUtilization}% (${q(cr.current.averageValue)})` : '<unknown>';
          const target = r.target?.averageUtilization !== undefined ? `${r.target.averageUtilization}%` : '<auto>';
          w.write(1, `(as a percentage of request):\t${current} / ${target}\n`);
        }
        break;
      }
      default:
        w.write(1, `<unknown metric type ${JSON.stringify(String(m['type']))}>\n`);
    }
  });
  w.write(0, `Min replicas:\t${spec.minReplicas ?? '<unset>'}\n`);
  w.write(0, `Max replicas:\t${spec.maxReplicas ?? 0}\n`);
  if (spec.behavior) {
    w.write(0, 'Behavior:\n');
    direction(w, 'Scale Up', spec.behavior.scaleUp);
    direction(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.write(0, `${spec.scaleTargetRef?.kind ?? ''} pods:\t`);
  w.write(0, `${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of st.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  describeEvents(w, eventsFor(cx, hpa), cx.now);
  return w.toString();
}
