// Reads manifests the way kubectl's resource builder does: a YAML stream (documents
// separated by `---`) or JSON, `kind: List` expanded to its items, YAML 1.1 scalars as
// go-yaml reads them (yes/no are booleans, timestamps stay strings), and kubectl's errors
// for broken YAML, missing kind/apiVersion and unknown kinds. Alias bombs and oversized
// input are refused before anything is created.
import { parseAllDocuments, type Document } from 'yaml';
import type { KubeObject } from '../api/meta.ts';
import { typeForKind, type ResourceType } from '../apiserver/registry.ts';
import { goYamlMessage } from './yaml-errors.ts';

/** Larger than any manifest a learner writes; a guard against pasted garbage. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** go-yaml refuses documents with excessive aliasing; so do we. */
export const MAX_ALIASES = 100;

export interface ManifestObject {
  type: ResourceType;
  object: KubeObject;
  /** The file name kubectl prints in messages ("STDIN" for -f -). */
  source: string;
}

export interface ManifestResult {
  objects: ManifestObject[];
  /** Complete stderr lines (each ends with a newline). */
  errors: string[];
}

export function parseManifest(text: string, source: string): ManifestResult {
  const errors: string[] = [];
  const objects: ManifestObject[] = [];
  if (text.length > MAX_MANIFEST_BYTES) {
    return { objects, errors: [`error: error parsing ${source}: input is ${text.length} bytes; kubeplay reads manifests up to ${MAX_MANIFEST_BYTES} bytes\n`] };
  }
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      version: '1.1',
      uniqueKeys: false,
      merge: true,
      customTags: (tags) => tags.filter((t) => typeof t === 'object' && t.tag !== 'tag:yaml.org,2002:timestamp'),
    }) as Document.Parsed[];
  } catch (e) {
    return { objects, errors: [`error: error parsing ${source}: ${(e as Error).message}\n`] };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];
  for (const doc of docs) {
    if (doc.errors.length) {
      errors.push(`error: error parsing ${source}: error converting YAML to JSON: ${goYamlMessage(doc.errors[0]!, text)}\n`);
      break;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      const msg = /alias/i.test((e as Error).message) ? 'yaml: document contains excessive aliasing' : (e as Error).message;
      errors.push(`error: error parsing ${source}: error converting YAML to JSON: ${msg}\n`);
      break;
    }
    if (value === null || value === undefined) continue; // empty document
    collect(jsonSafe(value), source, objects, errors);
  }
  return { objects, errors };
}

function collect(value: unknown, source: string, objects: ManifestObject[], errors: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push(validationError(source, 'invalid object to validate'));
    return;
  }
  const o = value as Record<string, unknown>;
  const missing = [!o['apiVersion'] ? 'apiVersion not set' : '', !o['kind'] ? 'kind not set' : ''].filter(Boolean);
  if (missing.length) {
    errors.push(validationError(source, missing.length > 1 ? `[${missing.join(', ')}]` : missing[0]!));
    return;
  }
  if (typeof o['kind'] === 'string' && o['kind'].endsWith('List') && Array.isArray(o['items'])) {
    for (const item of o['items'] as unknown[]) collect(item, source, objects, errors);
    return;
  }
  const obj = o as unknown as KubeObject;
  obj.metadata ??= {};
  const type = typeForKind(String(o['apiVersion']), String(o['kind']));
  if (!type) {
    errors.push(
      `error: resource mapping not found for name: ${JSON.stringify(obj.metadata.name ?? '')} namespace: ${JSON.stringify(obj.metadata.namespace ?? '')} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(String(o['kind']))} in version ${JSON.stringify(String(o['apiVersion']))}\nensure CRDs are installed first\n`,
    );
    return;
  }
  objects.push({ type, object: obj, source });
}

function validationError(source: string, what: string): string {
  return `error: error validating ${JSON.stringify(source)}: error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false\n`;
}

/** YAML values become JSON: Maps to objects, non-finite numbers to strings. */
function jsonSafe(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), jsonSafe(x)]));
  if (v instanceof Set) return [...v].map(jsonSafe);
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  return v;
}
