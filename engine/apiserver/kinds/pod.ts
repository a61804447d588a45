// Pod strategy: SetDefaults_Pod, status at create (phase Pending and the QoS class, computed
// after admission as upstream's PrepareForCreate sees it), ValidatePod and ValidatePodUpdate.
// The create-time admission plugins live in ../admission/.
import type { Pod, PodSpec } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { forbidden } from '../validation/field.ts';
import { validatePodSpec, validateTolerations } from '../validation/pod-spec.ts';
import { defaultPodSpec } from './pod-defaults.ts';
import { podQOSClass } from './pod-qos.ts';
import { describePodSpecDiff } from './pod-update-diff.ts';

export { SERVICE_ACCOUNT_MOUNT_PATH } from '../admission/service-account.ts';

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
  admit(obj) {
    const pod = obj as Pod;
    if (!pod.spec || typeof pod.spec !== 'object') return;
    pod.status = { phase: 'Pending', qosClass: podQOSClass(pod.spec) };
  },
  validate(obj) {
    return validatePodSpec((obj as Pod).spec, 'spec', { isPod: true });
  },
  validateUpdate(obj: KubeObject, old: KubeObject) {
    return [...validatePodSpec((obj as Pod).spec, 'spec', { isPod: true }), ...validatePodUpdate(obj as Pod, old as Pod)];
  },
};
