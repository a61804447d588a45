// StatefulSet strategy: SetDefaults_StatefulSet, ValidateStatefulSet and the update rule that
// only replicas, template, updateStrategy, ordinals, PVC retention and minReadySeconds change.
import type { PodTemplateSpec } from '../../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { forbidden, nonNegative, notSupported, required } from '../validation/field.ts';
import { validateSelectorAndTemplate } from '../validation/pod-template.ts';
import { defaultPodTemplate } from './pod-defaults.ts';
import { defaultPVCSpec } from './persistent-volume-claim.ts';

type Rec = Record<string, unknown>;
interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  volumeClaimTemplates?: Rec[];
  [k: string]: unknown;
}
type StatefulSet = KubeObject & { spec: StatefulSetSpec };

function validateSpec(spec: StatefulSetSpec): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(notSupported('spec.podManagementPolicy', pmp, ['OrderedReady', 'Parallel']));
  const us = spec.updateStrategy ?? {};
  switch (us.type) {
    case 'OnDelete':
      if (us.rollingUpdate) errs.push(forbidden('spec.updateStrategy.rollingUpdate', "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      errs.push(...nonNegative('spec.updateStrategy.rollingUpdate.partition', us.rollingUpdate?.partition));
      break;
    case undefined:
    case '':
      errs.push(required('spec.updateStrategy', 'must be \'RollingUpdate\' or \'OnDelete\''));
      break;
    default:
      errs.push(notSupported('spec.updateStrategy', us.type, ['OnDelete', 'RollingUpdate']));
  }
  const pol = spec.persistentVolumeClaimRetentionPolicy;
  if (pol) {
    for (const k of ['whenDeleted', 'whenScaled'] as const)
      if (pol[k] !== 'Retain' && pol[k] !== 'Delete')
        errs.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, pol[k] ?? '', ['Retain', 'Delete']));
  }
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  // Mounts may name a volumeClaimTemplate (the controller adds those volumes to each pod).
  const claims = (spec.volumeClaimTemplates ?? []).map((c) => ({ name: String((c['metadata'] as Rec | undefined)?.['name'] ?? ''), persistentVolumeClaim: { claimName: 'template' } }));
  const template = spec.template && claims.length ? { ...spec.template, spec: { ...spec.template.spec, volumes: [...(spec.template.spec?.volumes ?? []), ...claims] } } : spec.template;
  errs.push(...validateSelectorAndTemplate(spec.selector, template, 'spec', { emptyMessage: 'empty selector is invalid for statefulset' }));
  return errs;
}

const UPDATABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export const statefulSetStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { replicas: 0, availableReplicas: 0 };
  },
  defaults(obj) {
    const sts = obj as StatefulSet;
    const spec = (sts.spec ??= {});
    if (typeof spec !== 'object') return;
    spec.replicas ??= 1;
    spec.podManagementPolicy ||= 'OrderedReady';
    const us = (spec.updateStrategy ??= {});
    us.type ||= 'RollingUpdate';
    if (us.type === 'RollingUpdate') (us.rollingUpdate ??= {}).partition ??= 0;
    spec.revisionHistoryLimit ??= 10;
    const pol = (spec.persistentVolumeClaimRetentionPolicy ??= {});
    pol.whenDeleted ||= 'Retain';
    pol.whenScaled ||= 'Retain';
    defaultPodTemplate(spec.template);
    for (const pvc of spec.volumeClaimTemplates ?? []) {
      pvc['apiVersion'] ??= 'v1';
      pvc['kind'] ??= 'PersistentVolumeClaim';
      const meta = ((pvc['metadata'] as Rec | undefined) ??= {});
      if (!('creationTimestamp' in meta)) meta['creationTimestamp'] = null;
      defaultPVCSpec(((pvc['spec'] as Rec | undefined) ??= {}));
      pvc['status'] ??= { phase: 'Pending' };
    }
  },
  validate(obj) {
    return validateSpec((obj as StatefulSet).spec ?? {});
  },
  validateUpdate(obj, old) {
    const a = { ...(obj as StatefulSet).spec };
    const b = { ...(old as StatefulSet).spec };
    for (const k of UPDATABLE) {
      delete a[k];
      delete b[k];
    }
    const errs = validateSpec((obj as StatefulSet).spec ?? {});
    if (JSON.stringify(a) !== JSON.stringify(b))
      errs.push(
        forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    return errs;
  },
};
