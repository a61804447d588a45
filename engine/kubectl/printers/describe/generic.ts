// Describe for kinds without a dedicated describer: kubectl's genericDescriber — the metadata
// block, then every field of the object (printUnstructuredContent: keys sorted, smart labels,
// metadata fields already shown skipped), then the object's events.
import type { KubeObject } from '../../../api/meta.ts';
import { annotationsMultiline, describeEvents, eventsFor, labelsMultiline, type DescribeContext } from './common.ts';
import { DescribeWriter } from './writer.ts';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** fatih/camelcase Split: runs of lower, upper, digit and other characters (upper+lower kept together). */
function camelSplit(s: string): string[] {
  const cls = (c: string) => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /[0-9]/.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const c = cls(ch);
    if (c === last) runs[runs.length - 1]!.push(ch);
    else runs.push([ch]);
    last = c;
  }
  // An upper run followed by a lower run gives its last letter to the lower run.
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i]![0]!) === 2 && cls(runs[i + 1]![0]!) === 1) {
      runs[i + 1]!.unshift(runs[i]!.pop()!);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** smartLabelFor: camelCase to Title Words; fields with other characters stay as they are. */
function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

/** Go's %v of a JSON scalar. */
function goValue(v: unknown): string {
  if (v === null) return '<nil>';
  return String(v);
}

function content(w: DescribeWriter, level: number, obj: Record<string, unknown>, prefix: string): void {
  for (const field of Object.keys(obj).sort()) {
    const v = obj[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      w.write(level, `${smartLabel(field)}:\n`);
      content(w, level + 1, v as Record<string, unknown>, path);
    } else if (Array.isArray(v)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of v) {
        if (child && typeof child === 'object' && !Array.isArray(child)) content(w, level + 1, child as Record<string, unknown>, path);
        else w.write(level + 1, `${Array.isArray(child) ? `[${child.join(' ')}]` : goValue(child)}\n`);
      }
    } else w.write(level, `${smartLabel(field)}:\t${goValue(v)}\n`);
  }
}

export function describeGeneric(cx: DescribeContext, o: KubeObject): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  content(w, 0, o as unknown as Record<string, unknown>, '');
  describeEvents(w, eventsFor(cx, o), cx.now);
  return w.toString();
}
