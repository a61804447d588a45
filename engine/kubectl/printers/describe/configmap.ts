// kubectl describe configmap: ConfigMapDescriber in pkg/describe/describe.go (each data key as
// a `key:` / `----` block, binary keys by size). Go ranges over the map in random order; keys
// are printed sorted here so the output is stable.
import type { KubeObject } from '../../../api/meta.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** Bytes of a base64 value (binaryData is base64 on the wire). */
export function base64Length(b64: string): number {
  const s = b64.replace(/\s/g, '');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.floor((s.length * 3) / 4) - pad;
}

export function describeConfigMap(cx: DescribeContext, cm: ConfigMap): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', cm.metadata.labels);
  annotationsMultiline(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${cm.data![k]}\n`);
    w.write(0, '\n');
  }
  w.write(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(0, `${k}: ${base64Length(cm.binaryData![k]!)} bytes\n`);
  w.write(0, '\n');
  describeEvents(w, eventsFor(cx, cm), cx.now);
  return w.toString();
}
