#!/usr/bin/env node
// Generates engine/kubectl/explain/explain-data.json, what `kubectl explain` prints from:
// the OpenAPI definitions reachable from the kinds the API server registers, reduced to
// description, type, $ref, items, additionalProperties, properties and required. Source:
// ../shared/openapi/kubernetes-swagger.json (the same vendored spec the bridge serves). The
// output is committed; without ../shared this script only says so.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = resolve(root, '../shared/openapi/kubernetes-swagger.json');
const TARGET = resolve(root, 'engine/kubectl/explain/explain-data.json');

if (!existsSync(SOURCE)) {
  console.log(`gen-explain-data: ${SOURCE} not found; keeping the committed ${TARGET}`);
  process.exit(0);
}
const spec = JSON.parse(readFileSync(SOURCE, 'utf8'));
const defs = spec.definitions;
const registry = readFileSync(resolve(root, 'engine/apiserver/registry.ts'), 'utf8');
const kinds = [...registry.matchAll(/rt\('([^']*)', '([^']*)', '([^']*)'/g)].map((m) => ({ group: m[1], version: m[2], kind: m[3] }));
const extra = { autoscaling: ['v1'] };

/** The definition name for group/version/kind (x-kubernetes-group-version-kind). */
function defFor(group, version, kind) {
  for (const [name, d] of Object.entries(defs)) {
    for (const g of d['x-kubernetes-group-version-kind'] ?? []) if (g.group === group && g.version === version && g.kind === kind) return name;
  }
  return undefined;
}

const roots = {};
for (const k of kinds) {
  for (const v of [k.version, ...(extra[k.group] ?? [])]) {
    const name = defFor(k.group, v, k.kind);
    if (name) roots[`${k.group}/${v}/${k.kind}`] = name;
  }
}

const keep = new Set();
const reduce = (s) => {
  if (!s || typeof s !== 'object') return s;
  const out = {};
  if (s.description) out.description = s.description;
  if (s.type) out.type = s.type;
  if (s.$ref) {
    const ref = s.$ref.replace('#/definitions/', '');
    out.$ref = ref;
    visit(ref);
  }
  if (s.items) out.items = reduce(s.items);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = reduce(s.additionalProperties);
  if (s.required) out.required = s.required;
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, reduce(v)]));
  return out;
};
const out = {};
function visit(name) {
  if (keep.has(name)) return;
  keep.add(name);
  out[name] = reduce(defs[name]);
}
for (const n of Object.values(roots)) visit(n);
const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
writeFileSync(TARGET, JSON.stringify({ roots, definitions: sorted }) + '\n');
console.log(`gen-explain-data: ${Object.keys(sorted).length} definitions, ${Object.keys(roots).length} kinds -> ${TARGET}`);
