// ServiceAccount (plugin/pkg/admission/serviceaccount): a pod runs as `default` unless it names
// an account, which must exist; the API token is mounted as a projected kube-api-access-xxxxx
// volume in every container unless automounting is turned off (pod or account).
import type { Container, Pod } from '../../api/core-v1.ts';
import { deepFreeze } from '../../store/store.ts';
import { K8S_ALPHANUMS } from '../../time/rng.ts';
import { admissionForbidden, isPod, type AdmissionPlugin } from './admission.ts';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * What a kube-api-access volume projects: the same for every pod, so one frozen copy is shared
 * by them all (stored objects are never changed in place; the store skips frozen parts).
 */
const API_ACCESS_SOURCES = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

export const serviceAccount: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(req, cx) {
    if (req.operation !== 'CREATE' || !isPod(req)) return;
    const pod = req.object as Pod;
    const spec = pod.spec;
    if (!spec || typeof spec !== 'object') return;
    const ns = req.namespace ?? 'default';
    spec.serviceAccountName ||= 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const sa = cx.store.get('serviceaccounts', ns, spec.serviceAccountName);
    // The default account appears moments after its namespace; only other names must exist already.
    if (!sa && spec.serviceAccountName !== 'default')
      throw admissionForbidden(
        req,
        `error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
      );
    if (spec['automountServiceAccountToken'] === false) return;
    if (spec['automountServiceAccountToken'] === undefined && sa && sa['automountServiceAccountToken'] === false) return;
    const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
    const needs = all.filter((c) => !(c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH));
    if (!needs.length) return;
    const name = `kube-api-access-${cx.rng.string(5, K8S_ALPHANUMS)}`;
    (spec.volumes ??= []).push({ name, projected: API_ACCESS_SOURCES });
    for (const c of needs) (c.volumeMounts ??= []).push({ mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true });
  },
};
