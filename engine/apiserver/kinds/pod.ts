// Pod strategy: SetDefaults_Pod, the create-time admission plugins a kind cluster runs
// (ServiceAccount, Priority, DefaultTolerationSeconds), ValidatePod and ValidatePodUpdate.
import type { Container, Pod, PodSpec, Toleration } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import { K8S_ALPHANUMS } from '../../time/rng.ts';
import { forbidden as forbiddenError } from '../status.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy, StrategyContext } from '../strategy.ts';
import { forbidden } from '../validation/field.ts';
import { validatePodSpec, validateTolerations } from '../validation/pod-spec.ts';
import { defaultPodSpec } from './pod-defaults.ts';
import { podQOSClass } from './pod-qos.ts';
import { describePodSpecDiff } from './pod-update-diff.ts';

export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Built-in PriorityClasses every API server creates. */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** SetDefaults_Pod: PodSpec defaults, enableServiceLinks, requests defaulted from limits. */
export function defaultPod(pod: Pod): void {
  pod.spec ??= { containers: [] };
  const spec = pod.spec;
  if (typeof spec !== 'object') return;
  defaultPodSpec(spec);
  spec.enableServiceLinks ??= true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const lim = c.resources?.limits;
    if (!lim || !c.resources) continue;
    const req = (c.resources.requests ??= {});
    for (const k of Object.keys(lim)) if (!(k in req)) req[k] = lim[k]!;
  }
}

function serviceAccountAdmission(pod: Pod, cx: StrategyContext): void {
  const spec = pod.spec;
  const ns = pod.metadata.namespace ?? 'default';
  spec.serviceAccountName ||= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const sa = cx.store.get('serviceaccounts', ns, spec.serviceAccountName);
  // The default account appears moments after its namespace; only other names must exist already.
  if (!sa && spec.serviceAccountName !== 'default')
    throw forbiddenError(
      `pods "${pod.metadata.name}" is forbidden: error looking up service account ${ns}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`,
    );
  if (spec['automountServiceAccountToken'] === false) return;
  if (spec['automountServiceAccountToken'] === undefined && sa && sa['automountServiceAccountToken'] === false) return;
  const all: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const needs = all.filter((c) => !(c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH));
  if (!needs.length) return;
  const name = `kube-api-access-${cx.rng.string(5, K8S_ALPHANUMS)}`;
  (spec.volumes ??= []).push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  });
  for (const c of needs) (c.volumeMounts ??= []).push({ mountPath: SERVICE_ACCOUNT_MOUNT_PATH, name, readOnly: true });
}

function priorityAdmission(pod: Pod, cx: StrategyContext): void {
  const spec = pod.spec;
  const className = spec.priorityClassName;
  if (className) {
    const pc = cx.store.get('priorityclasses.scheduling.k8s.io', undefined, className);
    const value = pc ? (pc['value'] as number) : SYSTEM_PRIORITY_CLASSES[className];
    if (value === undefined) throw forbiddenError(`pods "${pod.metadata.name}" is forbidden: no PriorityClass with name ${className} was found`);
    spec.priority = value;
    spec.preemptionPolicy ??= (pc?.['preemptionPolicy'] as string | undefined) ?? 'PreemptLowerPriority';
    return;
  }
  const global = cx.store.list('priorityclasses.scheduling.k8s.io').find((p) => p['globalDefault'] === true);
  if (global) {
    spec.priorityClassName = global.metadata.name;
    spec.priority = global['value'] as number;
    spec.preemptionPolicy ??= (global['preemptionPolicy'] as string | undefined) ?? 'PreemptLowerPriority';
    return;
  }
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
}

function tolerates(tols: Toleration[], key: string): boolean {
  return tols.some((t) => (t.effect === 'NoExecute' || !t.effect) && (t.key === key || (!t.key && t.operator === 'Exists')));
}

/** DefaultTolerationSeconds: 300 s for not-ready and unreachable, unless the pod already says. */
function defaultTolerationSeconds(pod: Pod): void {
  const tols = pod.spec.tolerations ?? [];
  const add: Toleration[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'])
    if (!tolerates(tols, key)) add.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  if (add.length) pod.spec.tolerations = [...tols, ...add];
}

const UPDATABLE_NOTE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validatePodUpdate(next: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const a = structuredClone(next.spec) as PodSpec;
  const b = old.spec;
  // Copy over what may change, then anything left different is forbidden.
  for (const key of ['containers', 'initContainers'] as const) {
    const na = a[key] ?? [];
    const ob = b[key] ?? [];
    if (na.length === ob.length) na.forEach((c, i) => (c.image = ob[i]!.image));
  }
  const oldAds = b['activeDeadlineSeconds'] as number | undefined;
  const newAds = a['activeDeadlineSeconds'] as number | undefined;
  if (newAds !== undefined && (oldAds === undefined || newAds <= oldAds)) a['activeDeadlineSeconds'] = oldAds;
  if (oldAds === undefined && newAds === undefined) delete a['activeDeadlineSeconds'];
  if (newAds === undefined && oldAds !== undefined) errs.push({ type: 'FieldValueInvalid', field: 'spec.activeDeadlineSeconds', value: null, detail: 'must not update from a positive integer to nil value' });
  const oldTols = b.tolerations ?? [];
  const newTols = a.tolerations ?? [];
  const kept = oldTols.every((t) => newTols.some((n) => JSON.stringify(n) === JSON.stringify(t)));
  if (kept) a.tolerations = b.tolerations;
  else errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  if ((b.terminationGracePeriodSeconds ?? 0) < 0 && a.terminationGracePeriodSeconds === 1) a.terminationGracePeriodSeconds = b.terminationGracePeriodSeconds;
  if (JSON.stringify(sorted(a)) !== JSON.stringify(sorted(b))) errs.push(forbidden('spec', `${UPDATABLE_NOTE}\n${describePodSpecDiff(b, a)}`));
  errs.push(...validateTolerations(next.spec.tolerations, 'spec.tolerations'));
  return errs;
}

function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) if ((v as Record<string, unknown>)[k] !== undefined) o[k] = sorted((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

export const podStrategy: KindStrategy = {
  prepareForCreate(obj) {
    const pod = obj as Pod;
    pod.status = { phase: 'Pending' };
  },
  defaults(obj) {
    defaultPod(obj as Pod);
  },
  admit(obj, cx) {
    const pod = obj as Pod;
    if (!pod.spec || typeof pod.spec !== 'object') return;
    serviceAccountAdmission(pod, cx);
    priorityAdmission(pod, cx);
    defaultTolerationSeconds(pod);
    pod.status = { phase: 'Pending', qosClass: podQOSClass(pod.spec) };
  },
  validate(obj) {
    return validatePodSpec((obj as Pod).spec, 'spec', { isPod: true });
  },
  validateUpdate(obj: KubeObject, old: KubeObject) {
    return [...validatePodSpec((obj as Pod).spec, 'spec', { isPod: true }), ...validatePodUpdate(obj as Pod, old as Pod)];
  },
};
