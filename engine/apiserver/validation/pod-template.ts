// Pod templates inside workloads: ValidatePodTemplateSpec and the apps-group checks that the
// selector matches the template labels and that restartPolicy suits the controller.
import type { PodTemplateSpec } from '../../api/core-v1.ts';
import type { LabelSelector } from '../../api/meta.ts';
import { selectorMatches } from '../../api/labels.ts';
import type { FieldError } from '../status.ts';
import { invalid, invalidGo, notSupported, required } from './field.ts';
import { goLabelSelector, goStringMap } from './go-format.ts';
import { labelValueErrors, qualifiedNameErrors } from './names.ts';
import { validateAnnotations, validateLabelSelector, validateLabels } from './object-meta.ts';
import { validatePodSpec } from './pod-spec.ts';

/** ValidatePodTemplateSpec: note upstream reports template labels at `<path>.labels`. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, field: string): FieldError[] {
  if (!t) return [required(field)];
  const errs: FieldError[] = [];
  errs.push(...validateLabels(t.metadata?.labels, `${field}.labels`));
  errs.push(...validateAnnotations(t.metadata?.annotations, `${field}.annotations`));
  errs.push(...validatePodSpec(t.spec ?? ({} as PodTemplateSpec['spec']), `${field}.spec`));
  return errs;
}

/** Whether LabelSelectorAsSelector would fail (bad operator, key or value). */
function selectorUnparseable(s: LabelSelector): boolean {
  for (const e of s.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return true;
    if (qualifiedNameErrors(e.key ?? '').length) return true;
    if ((e.operator === 'In' || e.operator === 'NotIn') && !(e.values ?? []).length) return true;
    if ((e.values ?? []).some((v) => labelValueErrors(v).length)) return true;
  }
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (qualifiedNameErrors(k).length || labelValueErrors(v).length) return true;
  return false;
}

/**
 * The selector part of Deployment/ReplicaSet/StatefulSet/DaemonSet specs: required, not empty,
 * valid, and matching the template labels; then the template itself.
 */
export function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  field: string,
  opts: { allowedRestartPolicies?: string[]; emptyMessage?: string } = {},
): FieldError[] {
  const errs: FieldError[] = [];
  if (!selector) errs.push(required(`${field}.selector`));
  else {
    errs.push(...validateLabelSelector(selector, `${field}.selector`));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0)
      errs.push(invalidGo(`${field}.selector`, goLabelSelector(selector), opts.emptyMessage ?? 'empty selector is invalid for deployment'));
  }
  if (selector && selectorUnparseable(selector)) {
    errs.push(invalidGo(`${field}.selector`, goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  const tp = `${field}.template`;
  if (!template) {
    errs.push(required(tp));
    return errs;
  }
  const empty = selector && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
  if (!empty && !selectorMatches(selector, template.metadata?.labels))
    errs.push(invalidGo(`${tp}.metadata.labels`, goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  errs.push(...validatePodTemplateSpec(template, tp));
  const allowed = opts.allowedRestartPolicies ?? ['Always'];
  const rp = template.spec?.restartPolicy;
  if (rp && !allowed.includes(rp)) errs.push(notSupported(`${tp}.spec.restartPolicy`, rp, allowed));
  const ads = template.spec?.['activeDeadlineSeconds'];
  if (ads !== undefined && allowed.length === 1 && allowed[0] === 'Always')
    errs.push(invalid(`${tp}.spec.activeDeadlineSeconds`, ads, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  return errs;
}
