// The check behind CreateContainerConfigError (kubelet_pods.go makeEnvironmentVariables): a
// container's env and envFrom name ConfigMaps, Secrets and keys that must exist unless marked
// optional. Returns the error text the waiting state and the `Error: ...` event carry.
import type { Container, Pod } from '../api/core-v1.ts';
import type { KubeObject } from '../api/meta.ts';
import type { Store } from '../store/store.ts';

interface KeyRef { name?: string; key?: string; optional?: boolean }
interface SourceRef { name?: string; optional?: boolean }

export function configError(store: Store, pod: Pod, c: Container): string | undefined {
  if (!c['envFrom'] && !c.env) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  const get = (kind: 'configmaps' | 'secrets', name: string) => store.get(kind, ns, name) as KubeObject | undefined;
  for (const src of (c['envFrom'] as { configMapRef?: SourceRef; secretRef?: SourceRef }[] | undefined) ?? []) {
    if (src.configMapRef && !src.configMapRef.optional && !get('configmaps', src.configMapRef.name ?? '')) return `configmap "${src.configMapRef.name}" not found`;
    if (src.secretRef && !src.secretRef.optional && !get('secrets', src.secretRef.name ?? '')) return `secret "${src.secretRef.name}" not found`;
  }
  for (const e of c.env ?? []) {
    const from = e.valueFrom as { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef } | undefined;
    const cm = from?.configMapKeyRef;
    if (cm && !cm.optional) {
      const o = get('configmaps', cm.name ?? '');
      if (!o) return `configmap "${cm.name}" not found`;
      if (((o['data'] as Record<string, string> | undefined) ?? {})[cm.key ?? ''] === undefined) return `couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`;
    }
    const sec = from?.secretKeyRef;
    if (sec && !sec.optional) {
      const o = get('secrets', sec.name ?? '');
      if (!o) return `secret "${sec.name}" not found`;
      if (((o['data'] as Record<string, string> | undefined) ?? {})[sec.key ?? ''] === undefined) return `couldn't find key ${sec.key} in Secret ${ns}/${sec.name}`;
    }
  }
  return undefined;
}
