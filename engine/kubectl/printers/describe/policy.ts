// kubectl describe poddisruptionbudget|priorityclass: describePodDisruptionBudgetV1 and
// describePriorityClass in pkg/describe/describe.go.
import type { KubeObject, LabelSelector } from '../../../api/meta.ts';
import { formatLabels } from '../table.ts';
import { formatLabelSelector } from '../columns/selector.ts';
import { describeEvents, eventsFor, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

interface Pdb extends KubeObject {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector };
  status?: { disruptionsAllowed?: number; currentHealthy?: number; desiredHealthy?: number; expectedPods?: number };
}

export function describePdb(cx: DescribeContext, pdb: Pdb): string {
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pdb.metadata.name}\n`);
  w.write(0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
  if (spec.minAvailable !== undefined) w.write(0, `Min available:\t${spec.minAvailable}\n`);
  else if (spec.maxUnavailable !== undefined) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
  w.write(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
  w.write(0, 'Status:\n');
  w.write(2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${st.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${st.expectedPods ?? 0}\n`);
  describeEvents(w, eventsFor(cx, pdb), cx.now);
  return w.toString();
}

export function describePriorityClass(cx: DescribeContext, pc: KubeObject & { value?: number; globalDefault?: boolean; preemptionPolicy?: string; description?: string }): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${pc.metadata.name}\n`);
  w.write(0, `Value:\t${pc.value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
  w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${pc.description ?? ''}\n`);
  w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
  describeEvents(w, eventsFor(cx, pc), cx.now);
  return w.toString();
}
