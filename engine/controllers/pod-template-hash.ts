// controller.ComputeHash: FNV-1a 32 over the pod template (+ collisionCount, little endian),
// printed in decimal and passed through rand.SafeEncodeString, so hashes look like real ones
// ("7c5ddbdf54": only the characters 4 5 6 7 8 9 b c d f). Upstream hashes a Go spew dump we
// cannot reproduce; canonical JSON (sorted keys) gives the same shape and is stable per template.
import type { PodTemplateSpec } from '../api/core-v1.ts';
import { K8S_ALPHANUMS } from '../time/rng.ts';

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

function fnv1a(h: number, bytes: Iterable<number>): number {
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** rand.SafeEncodeString: each byte mapped into the no-vowel alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += K8S_ALPHANUMS[s.charCodeAt(i) % K8S_ALPHANUMS.length];
  return out;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv1a(0x811c9dc5, utf8(canonical(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    h = fnv1a(h, [c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff]);
  }
  return safeEncodeString(String(h));
}

/** The template without the pod-template-hash label (how the controller compares templates). */
export function templateWithoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const c = structuredClone(t);
  if (c.metadata?.labels) {
    delete c.metadata.labels['pod-template-hash'];
    if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
  }
  return c;
}

export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return canonical(templateWithoutHash(a)) === canonical(templateWithoutHash(b));
}
