#!/usr/bin/env node
// Generates public/schemas/kubernetes.json, the JSON Schema (draft-07) the YAML editor
// validates, completes and documents against, from ../shared/openapi/kubernetes-swagger.json.
// Only the definitions reachable from the kinds below are kept. The generated file is
// committed, so a clone without ../shared still builds: then this script only says so.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = resolve(root, '../shared/openapi/kubernetes-swagger.json');
const TARGET = resolve(root, 'public/schemas/kubernetes.json');

/** The kinds a learner writes by hand, as apiVersion + kind. */
const KINDS = [
  ['v1', 'Pod'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['v1', 'Namespace'],
  ['v1', 'PersistentVolumeClaim'],
  ['v1', 'PersistentVolume'],
  ['v1', 'ServiceAccount'],
  ['v1', 'ResourceQuota'],
  ['v1', 'LimitRange'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'ReplicaSet'],
  ['apps/v1', 'StatefulSet'],
  ['apps/v1', 'DaemonSet'],
  ['batch/v1', 'Job'],
  ['batch/v1', 'CronJob'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler'],
  ['policy/v1', 'PodDisruptionBudget'],
  ['rbac.authorization.k8s.io/v1', 'Role'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['storage.k8s.io/v1', 'StorageClass'],
];

// The API server validates these values, but the swagger v2 document carries them only in
// prose. Listed here (definition, property) so the editor can flag and complete them.
const ENUMS = {
  'io.k8s.api.core.v1.PodSpec': {
    restartPolicy: ['Always', 'OnFailure', 'Never'],
    dnsPolicy: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
    preemptionPolicy: ['PreemptLowerPriority', 'Never'],
  },
  'io.k8s.api.core.v1.Container': { imagePullPolicy: ['Always', 'Never', 'IfNotPresent'], terminationMessagePolicy: ['File', 'FallbackToLogsOnError'] },
  'io.k8s.api.core.v1.EphemeralContainer': { imagePullPolicy: ['Always', 'Never', 'IfNotPresent'] },
  'io.k8s.api.core.v1.ContainerPort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServicePort': { protocol: ['TCP', 'UDP', 'SCTP'] },
  'io.k8s.api.core.v1.ServiceSpec': {
    type: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
    sessionAffinity: ['ClientIP', 'None'],
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
  },
  'io.k8s.api.core.v1.Toleration': { operator: ['Exists', 'Equal'], effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'io.k8s.api.core.v1.Taint': { effect: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'io.k8s.api.core.v1.TopologySpreadConstraint': { whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'] },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { volumeMode: ['Filesystem', 'Block'] },
  'io.k8s.api.core.v1.PersistentVolumeSpec': { persistentVolumeReclaimPolicy: ['Retain', 'Delete', 'Recycle'], volumeMode: ['Filesystem', 'Block'] },
  'io.k8s.api.core.v1.HostPathVolumeSource': { type: ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'] },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: ['RollingUpdate', 'OnDelete'] },
  'io.k8s.api.batch.v1.JobSpec': { completionMode: ['NonIndexed', 'Indexed'], podReplacementPolicy: ['TerminatingOrFailed', 'Failed'] },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: ['Exact', 'Prefix', 'ImplementationSpecific'] },
  'io.k8s.api.storage.v1.StorageClass': { reclaimPolicy: ['Retain', 'Delete'], volumeBindingMode: ['Immediate', 'WaitForFirstConsumer'] },
};
const ARRAY_ENUMS = {
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] },
  'io.k8s.api.core.v1.PersistentVolumeSpec': { accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { policyTypes: ['Ingress', 'Egress'] },
};

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const NULLABLE_TIMES = ['io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime'];
const REF = '#/definitions/';

if (!existsSync(SOURCE)) {
  console.log(`gen-schemas: ${SOURCE} not found; keeping the committed public/schemas/kubernetes.json`);
  process.exit(0);
}

const swagger = JSON.parse(readFileSync(SOURCE, 'utf8'));
const defs = swagger.definitions;

const gvkIndex = new Map();
for (const [name, def] of Object.entries(defs)) {
  for (const g of def['x-kubernetes-group-version-kind'] ?? []) {
    const apiVersion = g.group ? `${g.group}/${g.version}` : g.version;
    // DeleteOptions/WatchEvent list every group; the kind's own definition is the one we want.
    if (name.endsWith(`.${g.kind}`)) gvkIndex.set(`${apiVersion}/${g.kind}`, name);
  }
}

/** Converts one swagger schema node into draft-07, collecting the definitions it references. */
function convert(node, pending) {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => convert(n, pending));
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'format') continue;
    if (key === '$ref') {
      const target = value.slice(REF.length);
      pending.add(target);
      out.$ref = value;
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, convert(s, pending)]));
    } else {
      out[key] = convert(value, pending);
    }
  }
  // A draft-07 $ref ignores sibling keywords; wrap it so the property's own description shows on hover.
  if (out.$ref && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [{ $ref }] };
  }
  return out;
}

function convertDefinition(name, def, pending) {
  if (name === INT_OR_STRING) return { description: def.description, anyOf: [{ type: 'integer' }, { type: 'string' }] };
  if (name === QUANTITY) return { description: def.description, anyOf: [{ type: 'string' }, { type: 'number' }] };
  // `kubectl create --dry-run=client -o yaml` prints `creationTimestamp: null`; accept it.
  if (NULLABLE_TIMES.includes(name)) return { description: def.description, type: ['string', 'null'] };
  const out = convert(def, pending);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  for (const [prop, values] of Object.entries(ENUMS[name] ?? {})) {
    if (out.properties?.[prop]) out.properties[prop].enum = values;
  }
  for (const [prop, values] of Object.entries(ARRAY_ENUMS[name] ?? {})) {
    if (out.properties?.[prop]?.items) out.properties[prop].items.enum = values;
  }
  return out;
}

const definitions = {};
const pending = new Set();
const branches = [];
for (const [apiVersion, kind] of KINDS) {
  const name = gvkIndex.get(`${apiVersion}/${kind}`);
  if (!name) throw new Error(`gen-schemas: ${apiVersion} ${kind} is not in the OpenAPI document`);
  pending.add(name);
  branches.push({
    if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
    then: { $ref: `${REF}${name}` },
  });
}
while (pending.size > 0) {
  const [name] = pending;
  pending.delete(name);
  if (definitions[name]) continue;
  const def = defs[name];
  if (!def) throw new Error(`gen-schemas: missing definition ${name}`);
  definitions[name] = convertDefinition(name, def, pending);
}
// Pin apiVersion/kind of each root so completion offers the right words.
for (const [apiVersion, kind] of KINDS) {
  const def = definitions[gvkIndex.get(`${apiVersion}/${kind}`)];
  def.properties.apiVersion = { ...def.properties.apiVersion, enum: [apiVersion] };
  def.properties.kind = { ...def.properties.kind, enum: [kind] };
}

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://kubeplay.local/schemas/kubernetes.json',
  title: 'Kubernetes v1.32 object',
  description: 'A Kubernetes object. Set apiVersion and kind to get the fields of that kind.',
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string', description: 'APIVersion of the object, e.g. v1 or apps/v1.', examples: [...new Set(KINDS.map(([v]) => v))] },
    kind: { type: 'string', description: 'Kind of the object, e.g. Pod, Deployment, Service.', examples: [...new Set(KINDS.map(([, k]) => k))] },
  },
  allOf: branches,
  definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))),
};

mkdirSync(dirname(TARGET), { recursive: true });
const text = `${JSON.stringify(schema)}\n`;
writeFileSync(TARGET, text);
console.log(`gen-schemas: wrote ${Object.keys(definitions).length} definitions for ${KINDS.length} kinds to public/schemas/kubernetes.json (${Math.round(text.length / 1024)} KB)`);
