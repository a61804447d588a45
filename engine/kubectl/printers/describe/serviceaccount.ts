// kubectl describe serviceaccount: describeServiceAccount in pkg/describe/describe.go (pull,
// mountable and token secrets under fixed-width headers, missing ones marked).
import type { KubeObject } from '../../../api/meta.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

interface ServiceAccount extends KubeObject {
  secrets?: { name?: string }[];
  imagePullSecrets?: { name?: string }[];
}

export function describeServiceAccount(cx: DescribeContext, sa: ServiceAccount): string {
  const ns = sa.metadata.namespace;
  const secrets = cx.api.list('secrets', ns) as (KubeObject & { type?: string })[];
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter(
    (s) => s.type === 'kubernetes.io/service-account-token' && s.metadata.annotations?.['kubernetes.io/service-account.name'] === sa.metadata.name && s.metadata.annotations?.['kubernetes.io/service-account.uid'] === sa.metadata.uid,
  );
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${ns ?? ''}\n`);
  labelsMultiline(w, 'Labels', sa.metadata.labels);
  annotationsMultiline(w, 'Annotations', sa.metadata.annotations);
  const empty = '                   ';
  // Sorted by header text, as sets.StringKeySet(types).List() does.
  const groups: [string, string[]][] = [
    ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
    ['Mountable secrets: ', (sa.secrets ?? []).map((s) => s.name ?? '')],
    ['Tokens:            ', tokens.map((s) => s.metadata.name ?? '')],
  ];
  groups.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [header, names] of groups) {
    if (names.length === 0) {
      w.write(0, `${header}\t<none>\n`);
      continue;
    }
    let prefix = header;
    for (const n of names) {
      w.write(0, `${prefix}\t${n}${existing.has(n) ? '' : ' (not found)'}\n`);
      prefix = empty;
    }
  }
  describeEvents(w, eventsFor(cx, sa), cx.now);
  return w.toString();
}
