// The cmp.Diff text the API server appends to a forbidden pod update. Upstream prints the whole
// core.PodSpec diff in Go syntax; this renders the changed fields in the same frame
// (`  core.PodSpec{`, `- \tField: old`, `+ \tField: new`, `... // N identical fields`).
import type { PodSpec } from '../../api/core-v1.ts';

function goName(k: string): string {
  return k.charAt(0).toUpperCase() + k.slice(1);
}

function render(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(render).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${goName(k)}: ${render(o[k])}`)
    .join(', ')}}`;
}

export function describePodSpecDiff(old: PodSpec, next: PodSpec): string {
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort();
  const lines = ['  core.PodSpec{'];
  let same = 0;
  const flush = () => {
    if (same) lines.push(`  \t... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    const a = (old as Record<string, unknown>)[k];
    const b = (next as Record<string, unknown>)[k];
    if (JSON.stringify(a) === JSON.stringify(b)) {
      same++;
      continue;
    }
    flush();
    lines.push(`- \t${goName(k)}: ${render(a)},`);
    lines.push(`+ \t${goName(k)}: ${render(b)},`);
  }
  flush();
  lines.push('  }');
  return lines.join('\n') + '\n';
}
