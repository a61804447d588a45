// kubectl describe namespace: describeNamespace in pkg/describe/describe.go (quotas and
// limit ranges summarised as upstream does when there are none).
import type { Namespace } from '../../../api/core-v1.ts';
import { annotationsMultiline, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

export function describeNamespace(cx: DescribeContext, ns: Namespace): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const quotas = cx.api.list('resourcequotas', ns.metadata.name);
  const limits = cx.api.list('limitranges', ns.metadata.name);
  w.write(0, quotas.length ? '\nResource Quotas\n' : '\nNo resource quota.\n');
  for (const q of quotas) w.write(1, `Name:\t${q.metadata.name}\n`);
  w.write(0, limits.length ? '\nResource Limits\n' : '\nNo LimitRange resource.\n');
  for (const l of limits) w.write(1, `Name:\t${l.metadata.name}\n`);
  return w.toString();
}
