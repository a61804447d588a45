// Go %#v renderings of the values upstream puts into field errors (`map[string]string{"app":"web"}`,
// `v1.LabelSelector{...}`, `intstr.IntOrString{...}`), so messages match the real server's text.
import type { LabelSelector } from '../../api/meta.ts';

function q(s: string): string {
  return JSON.stringify(s);
}

/** map[string]string with keys sorted as fmt sorts them; nil prints `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${q(k)}:${q(String(m[k]))}`).join(', ')}}`;
}

export function goStringSlice(a: string[] | undefined | null): string {
  if (!a) return '[]string(nil)';
  return `[]string{${a.map(q).join(', ')}}`;
}

/** *metav1.LabelSelector as field errors print it (pointer dereferenced). */
export function goLabelSelector(s: LabelSelector | undefined | null): string {
  if (!s) return 'null';
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${q(e.key ?? '')}, Operator:${q(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(s.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** intstr.IntOrString as %#v (v1.32 prints the struct). */
export function goIntOrString(v: number | string | undefined | null): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${q(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`;
}
