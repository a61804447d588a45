// kuttl's partial-object match (the "assert file" semantics): every key of the expected map
// must be in the actual map with a matching value, recursively; arrays must have the same
// length and match element by element; scalars must be equal. Numbers and strings compare by
// their text (`replicas: "3"` matches 3) because lesson authors write YAML by hand.
// Returns the first mismatch, phrased for a learner, or undefined when it matches.

export interface Mismatch {
  /** Dotted path of the field, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  expected: unknown;
  /** undefined when the field is missing. */
  actual: unknown;
}

export function partialMismatch(expected: unknown, actual: unknown, path = ''): Mismatch | undefined {
  if (isObject(expected)) {
    if (!isObject(actual)) return { path, expected, actual };
    for (const k of Object.keys(expected)) {
      const sub = path ? `${path}.${k}` : k;
      if (!Object.prototype.hasOwnProperty.call(actual, k)) return { path: sub, expected: expected[k], actual: undefined };
      const m = partialMismatch(expected[k], actual[k], sub);
      if (m) return m;
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return { path, expected, actual };
    for (let i = 0; i < expected.length; i++) {
      const m = partialMismatch(expected[i], actual[i], `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  return scalarEqual(expected, actual) ? undefined : { path, expected, actual };
}

/** "spec.replicas is 3, expected 5" / "spec.type is missing, expected NodePort". */
export function describeMismatch(m: Mismatch): string {
  const field = m.path || 'the object';
  if (m.actual === undefined) return `${field} is not set (expected ${show(m.expected)})`;
  return `${field} is ${show(m.actual)}, expected ${show(m.expected)}`;
}

function show(v: unknown): string {
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

function scalarEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const numOrStr = (v: unknown) => typeof v === 'number' || typeof v === 'string';
  return numOrStr(a) && numOrStr(b) && String(a) === String(b);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
