// Deployment strategy (pkg/registry/apps/deployment, pkg/apis/apps/v1/defaults.go, apps validation).
import type { Deployment } from '../../api/apps-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { forbidden, immutable, invalid, invalidGo, nonNegative, notSupported, required, IS_NEGATIVE } from '../validation/field.ts';
import { goIntOrString, goLabelSelector } from '../validation/go-format.ts';
import { validateSelectorAndTemplate } from '../validation/pod-template.ts';
import { defaultPodTemplate } from './pod-defaults.ts';

export function defaultDeployment(d: Deployment): void {
  const spec = (d.spec ??= {} as Deployment['spec']);
  spec.replicas ??= 1;
  const st = (spec.strategy ??= {});
  st.type ||= 'RollingUpdate';
  if (st.type === 'RollingUpdate') {
    const ru = (st.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplate(spec.template);
}

/** getIntOrPercentValue: the number, or the percentage's number. */
function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Number(v.slice(0, -1));
  return 0;
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: number | string | undefined, field: string): FieldError[] {
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) return [invalidGo(field, goIntOrString(v), "must be an integer or percentage (e.g '5%')")];
    return [];
  }
  if (typeof v === 'number' && v < 0) return [invalidGo(field, goIntOrString(v), IS_NEGATIVE)];
  return [];
}

export function notMoreThan100Percent(v: number | string | undefined, field: string): FieldError[] {
  if (typeof v === 'string' && /^[0-9]+%$/.test(v) && intOrPercentValue(v) > 100)
    return [invalidGo(field, goIntOrString(v), 'must not be greater than 100%')];
  return [];
}

function validateStrategy(d: Deployment): FieldError[] {
  const st = d.spec.strategy ?? {};
  const p = 'spec.strategy';
  switch (st.type) {
    case 'Recreate':
      return st.rollingUpdate ? [forbidden(`${p}.rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = st.rollingUpdate;
      if (!ru) return [required(`${p}.rollingUpdate`, 'this should be defaulted and never be nil')];
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.rollingUpdate.maxUnavailable`),
        ...validatePositiveIntOrPercent(ru.maxSurge, `${p}.rollingUpdate.maxSurge`),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
        errs.push(invalidGo(`${p}.rollingUpdate.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${p}.rollingUpdate.maxUnavailable`));
      return errs;
    }
    default:
      return [notSupported(`${p}.type`, st.type ?? '', ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeployment(d: Deployment): FieldError[] {
  const spec = d.spec ?? ({} as Deployment['spec']);
  const errs: FieldError[] = [];
  errs.push(...nonNegative('spec.replicas', spec.replicas));
  errs.push(...validateSelectorAndTemplate(spec.selector, spec.template, 'spec'));
  errs.push(...validateStrategy(d));
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...nonNegative('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
      errs.push(invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

export const deploymentStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = {};
  },
  defaults(obj) {
    defaultDeployment(obj as Deployment);
  },
  validate(obj) {
    return validateDeployment(obj as Deployment);
  },
  validateUpdate(obj: KubeObject, old: KubeObject) {
    const d = obj as Deployment;
    const o = old as Deployment;
    return [...validateDeployment(d), ...immutable('spec.selector', d.spec?.selector, o.spec?.selector, goLabelSelector(d.spec?.selector))];
  },
};
