// `-o json` as kubectl prints it: json.MarshalIndent with four spaces and Go's HTML-safe
// escaping of <, > and &. Objects read from the server are unstructured maps, which Go
// marshals with sorted keys; generator output (`create ... --dry-run=client -o json`) is a
// typed object and keeps the Go struct order the generator built it in.

export function toJson(value: unknown, sortKeys = true): string {
  return goEscape(JSON.stringify(sortKeys ? sorted(value) : value, null, 4));
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o).sort()) if (o[k] !== undefined) out[k] = sorted(o[k]);
  return out;
}

function goEscape(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}
