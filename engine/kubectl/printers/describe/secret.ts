// kubectl describe secret: describeSecret in pkg/describe/describe.go — sizes, never values
// (except a service-account token). Keys sorted (Go's map order is random). No events.
import type { KubeObject } from '../../../api/meta.ts';
import { annotationsMultiline, labelsMultiline } from './common.ts';
import { base64Length } from './configmap.ts';
import { DescribeWriter } from './writer.ts';

interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
}

export function describeSecret(s: Secret): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${s.metadata.name}\n`);
  w.write(0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', s.metadata.labels);
  annotationsMultiline(w, 'Annotations', s.metadata.annotations);
  w.write(0, `\nType:\t${s.type ?? ''}\n`);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(s.data ?? {}).sort()) {
    const v = s.data![k]!;
    if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${atob(v)}\n`);
    else w.write(0, `${k}:\t${base64Length(v)} bytes\n`);
  }
  return w.toString();
}
