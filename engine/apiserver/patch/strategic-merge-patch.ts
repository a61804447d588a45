// Strategic merge patch (kubectl's default for built-in kinds): like a merge patch, but lists
// whose items have a merge key (containers by name, ports by containerPort, ...) merge item by
// item, and `$patch: delete` / `$retainKeys` directives are honoured for the common cases.

/** Field name -> merge key, for the lists of built-in kinds (patchMergeKey in the Go types). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort', // container ports; service ports use "port" (handled below)
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  tolerations: 'key',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};

export function applyStrategicMergePatch(target: unknown, patch: unknown, field = ''): unknown {
  if (patch === null || typeof patch !== 'object') return structuredClone(patch);
  if (Array.isArray(patch)) return mergeList(Array.isArray(target) ? target : [], patch, field);
  const p = patch as Record<string, unknown>;
  if (p['$patch'] === 'replace') {
    const { $patch: _, ...rest } = p;
    return structuredClone(rest);
  }
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(p)) {
    if (k.startsWith('$')) continue;
    if (v === null) delete base[k];
    else base[k] = applyStrategicMergePatch(base[k], v, k);
  }
  return base;
}

function mergeList(target: unknown[], patch: unknown[], field: string): unknown[] {
  let key = MERGE_KEYS[field];
  if (field === 'ports' && patch.some((i) => i && typeof i === 'object' && 'port' in (i as object) && !('containerPort' in (i as object))))
    key = 'port';
  if (!key || !patch.every((i) => i && typeof i === 'object')) return structuredClone(patch);
  const out = target.map((i) => structuredClone(i)) as Record<string, unknown>[];
  for (const item of patch as Record<string, unknown>[]) {
    const idx = out.findIndex((o) => o[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = applyStrategicMergePatch(out[idx], item, '') as Record<string, unknown>;
    else out.push(structuredClone(item));
  }
  return out;
}
