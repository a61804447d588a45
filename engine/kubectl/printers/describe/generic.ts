// Describe for kinds without a dedicated describer: kubectl's GenericDescriber prints the
// object's fields; this prints the metadata block, the rest of the object's top-level
// fields as indented YAML-like lines, and its events.
import type { KubeObject } from '../../../api/meta.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

function field(w: DescribeWriter, level: number, key: string, v: unknown): void {
  const title = key.charAt(0).toUpperCase() + key.slice(1);
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    w.write(level, `${title}:\n`);
    for (const item of v) {
      if (item && typeof item === 'object') for (const [k, x] of Object.entries(item)) field(w, level + 1, k, x);
      else w.write(level + 1, `${String(item)}\n`);
    }
  } else if (typeof v === 'object') {
    w.write(level, `${title}:\n`);
    for (const [k, x] of Object.entries(v)) field(w, level + 1, k, x);
  } else w.write(level, `${title}:\t${String(v)}\n`);
}

export function describeGeneric(cx: DescribeContext, o: KubeObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (o.metadata.namespace) w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  for (const [k, v] of Object.entries(o)) if (!['apiVersion', 'kind', 'metadata'].includes(k)) field(w, 0, k, v);
  describeEvents(w, eventsFor(cx, o), cx.now);
  return w.toString();
}
