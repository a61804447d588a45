#!/usr/bin/env node
// Generates engine/bridge/proto-types.json: the protobuf field numbers, JSON names and Go
// field shapes of the built-in kinds, read from the Go structs of k8s.io/api and
// k8s.io/apimachinery at v0.32.x. kubectl's typed clients (create deployment, run, drain...)
// send protobuf bodies; the bridge decodes them with this table. The output is committed;
// regenerate with: node scripts/gen-bridge-proto.mjs <k8s.io/api checkout> <k8s.io/apimachinery checkout>
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [apiDir, machineryDir] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error('usage: node scripts/gen-bridge-proto.mjs <k8s.io/api dir> <k8s.io/apimachinery dir>');
  process.exit(2);
}

/** package id -> file paths. Package ids are the apiVersion ('v1', 'apps/v1') or 'meta/v1'. */
const PACKAGES = {
  v1: [`${apiDir}/core/v1/types.go`],
  'apps/v1': [`${apiDir}/apps/v1/types.go`],
  'batch/v1': [`${apiDir}/batch/v1/types.go`],
  'autoscaling/v1': [`${apiDir}/autoscaling/v1/types.go`],
  'autoscaling/v2': [`${apiDir}/autoscaling/v2/types.go`],
  'networking.k8s.io/v1': [`${apiDir}/networking/v1/types.go`],
  'policy/v1': [`${apiDir}/policy/v1/types.go`],
  'rbac.authorization.k8s.io/v1': [`${apiDir}/rbac/v1/types.go`],
  'scheduling.k8s.io/v1': [`${apiDir}/scheduling/v1/types.go`],
  'storage.k8s.io/v1': [`${apiDir}/storage/v1/types.go`],
  'coordination.k8s.io/v1': [`${apiDir}/coordination/v1/types.go`],
  'discovery.k8s.io/v1': [`${apiDir}/discovery/v1/types.go`],
  'events.k8s.io/v1': [`${apiDir}/events/v1/types.go`],
  'authorization.k8s.io/v1': [`${apiDir}/authorization/v1/types.go`],
  'authentication.k8s.io/v1': [`${apiDir}/authentication/v1/types.go`],
  'meta/v1': [`${machineryDir}/pkg/apis/meta/v1/types.go`],
};

/** Import aliases as the k8s.io/api files use them -> package id. */
const IMPORTS = {
  metav1: 'meta/v1',
  v1: 'v1',
  corev1: 'v1',
  apiv1: 'v1',
  autoscalingv1: 'autoscaling/v1',
};

/** Types with their own wire shape. */
const SPECIAL = {
  'meta/v1.Time': '@time',
  'meta/v1.MicroTime': '@microtime',
  'meta/v1.Duration': '@duration',
  'resource.Quantity': '@quantity',
  'intstr.IntOrString': '@intstr',
  'runtime.RawExtension': '@raw',
  'meta/v1.FieldsV1': '@fieldsv1',
  'types.UID': 's',
};

const types = {};
const named = {}; // pkg.Name -> underlying Go type text

function parsePackage(pkg, files) {
  for (const f of files) {
    const src = readFileSync(f, 'utf8').replace(/\r/g, '');
    const lines = src.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let m = /^type (\w+) struct \{/.exec(line);
      if (m) {
        const fields = [];
        let depth = 1;
        for (i++; i < lines.length && depth > 0; i++) {
          const l = lines[i].trim();
          if (l.startsWith('//') || l === '') continue;
          if (l === '}') { depth--; continue; }
          const fm = /^([^`]+?)\s*`([^`]*)`/.exec(l);
          if (!fm) continue;
          const words = fm[1].trim().split(/\s+/);
          const tags = fm[2];
          const proto = /protobuf:"([^"]*)"/.exec(tags);
          const js = /json:"([^"]*)"/.exec(tags);
          if (!proto || !js) continue;
          const [wire, num, , ...opts] = proto[1].split(',');
          const [jsonName, ...jopts] = js[1].split(',');
          const goType = words.length > 1 ? words.slice(1).join(' ') : words[0];
          fields.push({ num: Number(num), json: jsonName, omitempty: jopts.includes('omitempty'), go: goType.trim(), wire, opts });
        }
        i--;
        types[`${pkg}.${m[1]}`] = fields;
        continue;
      }
      m = /^type (\w+) (=\s*)?([\w.\[\]*]+(?:\[[\w.]+\][\w.*]+)?)\s*$/.exec(line);
      if (m) named[`${pkg}.${m[1]}`] = m[3];
    }
  }
}

for (const [pkg, files] of Object.entries(PACKAGES)) parsePackage(pkg, files);

/** Go type text in package `pkg` -> compact type string. */
function shape(go, pkg, seen = new Set()) {
  go = go.trim();
  if (go.startsWith('*')) return `*${shape(go.slice(1), pkg, seen)}`;
  if (go.startsWith('[]')) {
    const el = go.slice(2);
    if (el === 'byte') return 'by';
    return `[${shape(el, pkg, seen)}`;
  }
  const mm = /^map\[([\w.]+)\](.+)$/.exec(go);
  if (mm) return `{${shape(mm[2], pkg, seen)}`;
  switch (go) {
    case 'string': return 's';
    case 'bool': return 'b';
    case 'int32': case 'int': case 'uint32': case 'int16': return 'i32';
    case 'int64': case 'uint64': return 'i64';
    case 'float64': case 'float32': return 'f64';
  }
  let q;
  if (go.includes('.')) {
    const [alias, name] = go.split('.');
    const p = IMPORTS[alias];
    q = p ? `${p}.${name}` : `${alias}.${name}`;
  } else q = `${pkg}.${go}`;
  if (SPECIAL[q]) return SPECIAL[q];
  if (types[q]) return `@${q}`;
  if (named[q] && !seen.has(q)) {
    seen.add(q);
    const under = shape(named[q], q.slice(0, q.lastIndexOf('.')), seen);
    // A named slice used where protobuf needs a message (map values): wrapper with items = 1.
    return under.startsWith('[') ? `~${under}` : under;
  }
  return `?${q}`;
}

const out = {};
const unknown = new Set();
for (const [q, fields] of Object.entries(types)) {
  const pkg = q.slice(0, q.lastIndexOf('.'));
  out[q] = fields.map((f) => {
    let s = shape(f.go, pkg);
    if (s.includes('?')) unknown.add(`${q}.${f.json}: ${s}`);
    // Named slices are wrappers only as map values; as fields they are plain repeated.
    if (s.startsWith('~')) s = s.slice(1);
    if (s.startsWith('*~')) s = `*${s.slice(2)}`;
    // Flags: 1 = omitempty, 2 = inline (JSON fields merged into the parent; `json:",inline"`).
    return [f.num, f.json, s, (f.omitempty ? 1 : 0) | (f.json === '' ? 2 : 0)];
  });
}
for (const u of [...unknown].sort()) console.warn(`unresolved: ${u}`);
const target = resolve(root, 'engine/bridge/proto-types.json');
writeFileSync(target, JSON.stringify(out));
console.log(`wrote ${target}: ${Object.keys(out).length} types`);
