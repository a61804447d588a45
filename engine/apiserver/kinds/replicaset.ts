// ReplicaSet strategy: replicas default, ValidateReplicaSetSpec, immutable selector (apps/v1).
import type { ReplicaSet } from '../../api/apps-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { immutable, nonNegative } from '../validation/field.ts';
import { goLabelSelector } from '../validation/go-format.ts';
import { validateSelectorAndTemplate } from '../validation/pod-template.ts';
import { defaultPodTemplate } from './pod-defaults.ts';

function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const spec = rs.spec ?? ({} as ReplicaSet['spec']);
  return [
    ...nonNegative('spec.replicas', spec.replicas),
    ...nonNegative('spec.minReadySeconds', spec.minReadySeconds),
    ...validateSelectorAndTemplate(spec.selector, spec.template, 'spec'),
  ];
}

export const replicaSetStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { replicas: 0 };
  },
  defaults(obj) {
    const rs = obj as ReplicaSet;
    const spec = (rs.spec ??= {} as ReplicaSet['spec']);
    spec.replicas ??= 1;
    defaultPodTemplate(spec.template);
  },
  validate(obj) {
    return validateReplicaSet(obj as ReplicaSet);
  },
  validateUpdate(obj: KubeObject, old: KubeObject) {
    const rs = obj as ReplicaSet;
    const o = old as ReplicaSet;
    return [...validateReplicaSet(rs), ...immutable('spec.selector', rs.spec?.selector, o.spec?.selector, goLabelSelector(rs.spec?.selector))];
  },
};
