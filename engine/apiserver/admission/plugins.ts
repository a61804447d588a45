// The admission chain, in kube-apiserver's order (pkg/kubeapiserver/options/plugins.go
// AllOrderedPlugins, restricted to the plugins a v1.32 kind cluster enables that matter
// here). Mutating admits run in this order, then validating checks in this order.
// Not simulated: NodeRestriction, TaintNodesByCondition, DefaultStorageClass,
// StorageObjectInUseProtection, RuntimeClass, CertificateApproval/Signing/SubjectRestriction,
// DefaultIngressClass, PersistentVolumeClaimResize, ClusterTrustBundleAttest, webhooks.
import type { AdmissionPlugin } from './admission.ts';
import { defaultTolerationSeconds } from './default-toleration-seconds.ts';
import { limitRanger } from './limit-ranger.ts';
import { namespaceLifecycle } from './namespace-lifecycle.ts';
import { podSecurity } from './pod-security.ts';
import { priority } from './priority.ts';
import { resourceQuota } from './resource-quota.ts';
import { serviceAccount } from './service-account.ts';

export const ADMISSION_PLUGINS: readonly AdmissionPlugin[] = [
  namespaceLifecycle,
  limitRanger,
  serviceAccount,
  podSecurity,
  priority,
  defaultTolerationSeconds,
  resourceQuota,
];

export function admissionPluginNames(): string[] {
  return ADMISSION_PLUGINS.map((p) => p.name);
}
