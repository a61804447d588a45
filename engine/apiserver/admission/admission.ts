// The admission chain's contract (k8s.io/apiserver/pkg/admission): every write passes the
// mutating phase (admit) and, after the kind's own validation, the validating phase
// (validate). Plugins reject by throwing an ApiError, mostly Forbidden worded as
// admission.NewForbidden words it: `pods "web" is forbidden: <why>`.
import type { KubeObject } from '../../api/meta.ts';
import type { Store } from '../../store/store.ts';
import type { Clock } from '../../time/clock.ts';
import type { Rng } from '../../time/rng.ts';
import type { ResourceType } from '../registry.ts';
import { ApiError } from '../status.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  operation: Operation;
  /** Store key: "pods", "deployments.apps". */
  resource: string;
  type: ResourceType;
  subresource?: string;
  namespace: string | undefined;
  /**
   * The name errors use: in the mutating phase the requested name (or generateName, as no
   * name is generated yet upstream); in the validating phase the final name.
   */
  name: string;
  /** The incoming object (mutable in the mutating phase). Undefined for DELETE. */
  object: KubeObject | undefined;
  /** The stored object for UPDATE and DELETE. */
  oldObject?: KubeObject;
  dryRun: boolean;
}

export interface AdmissionContext {
  store: Store;
  clock: Clock;
  rng: Rng;
  warn(message: string): void;
  /** Runs once the request is stored (not for dry runs): e.g. charging quota usage. */
  afterCommit(fn: () => void): void;
}

export interface AdmissionPlugin {
  /** Upstream plugin name, as in --enable-admission-plugins. */
  readonly name: string;
  /** Mutating phase: may change req.object. */
  admit?(req: AdmissionRequest, cx: AdmissionContext): void;
  /** Validating phase: may only reject. */
  validate?(req: AdmissionRequest, cx: AdmissionContext): void;
}

/** admission.NewForbidden: `<resource>[.<group>] "<name>" is forbidden: <why>`. */
export function admissionForbidden(req: Pick<AdmissionRequest, 'type' | 'name'>, why: string): ApiError {
  const t = req.type;
  const resource = t.group ? `${t.plural}.${t.group}` : t.plural;
  const message = req.name ? `${resource} "${req.name}" is forbidden: ${why}` : `${resource} is forbidden: ${why}`;
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Forbidden',
    details: { name: req.name || undefined, group: t.group || undefined, kind: t.plural },
    code: 403,
  });
}

/** Whether a request is a pod create/update of the main resource (what most pod plugins handle). */
export function isPod(req: AdmissionRequest): boolean {
  return req.resource === 'pods' && !req.subresource && req.object !== undefined;
}

/** utilerrors.NewAggregate(errs).Error(): one message alone, several (deduplicated) as `[a, b]`. */
export function aggregate(msgs: string[]): string {
  if (msgs.length === 1) return msgs[0]!;
  const seen = [...new Set(msgs)];
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}
