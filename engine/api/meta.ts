// Object metadata shared by every kind (k8s.io/apimachinery/pkg/apis/meta/v1).
// Objects are plain JSON: they cross the worker boundary, go into IndexedDB and golden files.

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [extra: string]: unknown;
}

/** Any Kubernetes object. Kind-specific shapes live in core-v1.ts / apps-v1.ts. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // Kinds add spec/status/data/...; kept open so generic code (store, printers) stays generic.
  [field: string]: unknown;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  lastHeartbeatTime?: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

/** metav1.Status, the body of every API error. */
export interface ApiStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: StatusReason;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'TooManyRequests'
  | 'Gone'
  | 'Expired'
  | 'RequestEntityTooLarge'
  | '';

/** A key that names one stored object: resource (plural, with group), namespace, name. */
export interface ObjectRef {
  resource: string; // e.g. "pods", "deployments.apps"
  namespace?: string;
  name: string;
}

export function objectKey(resource: string, namespace: string | undefined, name: string): string {
  return namespace ? `${resource}/${namespace}/${name}` : `${resource}//${name}`;
}
