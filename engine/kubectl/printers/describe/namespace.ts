// kubectl describe namespace: describeNamespace in pkg/describe/describe.go (conditions while
// terminating, then the namespace's quotas and limit ranges summarised).
import type { Namespace } from '../../../api/core-v1.ts';
import { rfc1123z } from '../human-duration.ts';
import { annotationsMultiline, labelsMultiline, type DescribeContext } from './common.ts';
import { describeLimitRanges, describeResourceQuotas, type LimitRange, type Quota } from './quota.ts';
import { DescribeWriter } from './writer.ts';

export function describeNamespace(cx: DescribeContext, ns: Namespace): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(0, `Status:\t${ns.status?.phase ?? ''}\n`);
  const conds = (ns.status as { conditions?: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[] } | undefined)?.conditions ?? [];
  if (conds.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t------------------\t------\t-------\n');
    for (const c of conds) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  w.write(0, '\n');
  describeResourceQuotas(w, cx.api.list('resourcequotas', ns.metadata.name) as Quota[]);
  w.write(0, '\n');
  describeLimitRanges(w, cx.api.list('limitranges', ns.metadata.name) as LimitRange[]);
  return w.toString();
}
