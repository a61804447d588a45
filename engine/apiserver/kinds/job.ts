// Job strategy: SetDefaults_Job, the generated selector and controller labels, ValidateJob and
// the update rules (template and selector immutable).
import type { PodTemplateSpec } from '../../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../../api/meta.ts';
import { selectorMatches } from '../../api/labels.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { immutable, invalid, invalidGo, nonNegative, notSupported, required } from '../validation/field.ts';
import { goLabelSelector, goStringMap } from '../validation/go-format.ts';
import { validateLabelSelector } from '../validation/object-meta.ts';
import { validatePodTemplateSpec } from '../validation/pod-template.ts';
import { defaultPodTemplate } from './pod-defaults.ts';

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  manualSelector?: boolean;
  podReplacementPolicy?: string;
  podFailurePolicy?: unknown;
  selector?: LabelSelector;
  template: PodTemplateSpec;
  [k: string]: unknown;
}

type Job = KubeObject & { spec: JobSpec };

/** SetDefaults_Job (without the label copy, which needs the object). */
export function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplate(spec.template);
}

function copyTemplateLabels(job: Job): void {
  const tl = job.spec?.template?.metadata?.labels;
  if (tl && Object.keys(job.metadata.labels ?? {}).length === 0) job.metadata.labels = { ...tl };
}

function generateSelector(job: Job): void {
  const t = (job.spec.template ??= { spec: { containers: [] } });
  t.metadata ??= {};
  const labels = (t.metadata.labels ??= {});
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  for (const k of ['job-name', 'batch.kubernetes.io/job-name']) labels[k] ??= name;
  for (const k of ['controller-uid', 'batch.kubernetes.io/controller-uid']) labels[k] ??= uid;
  const sel = (job.spec.selector ??= {});
  sel.matchLabels ??= {};
  sel.matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
}

/** validateJobSpec shared with CronJob job templates. */
export function validateJobSpec(spec: JobSpec, p: string, checkSelector: boolean): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(`${p}.parallelism`, spec.parallelism));
  errs.push(...nonNegative(`${p}.completions`, spec.completions));
  errs.push(...nonNegative(`${p}.activeDeadlineSeconds`, spec.activeDeadlineSeconds));
  errs.push(...nonNegative(`${p}.backoffLimit`, spec.backoffLimit));
  errs.push(...nonNegative(`${p}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished));
  if (spec.completionMode !== undefined) {
    if (spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed')
      errs.push(notSupported(`${p}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']));
    if (spec.completionMode === 'Indexed' && spec.completions === undefined)
      errs.push(required(`${p}.completions`, 'when completion mode is Indexed'));
  }
  if (spec.podReplacementPolicy !== undefined && !['TerminatingOrFailed', 'Failed'].includes(spec.podReplacementPolicy))
    errs.push(notSupported(`${p}.podReplacementPolicy`, spec.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
  if (checkSelector) {
    if (!spec.selector) errs.push(required(`${p}.selector`));
    else errs.push(...validateLabelSelector(spec.selector, `${p}.selector`));
    if (spec.selector && !selectorMatches(spec.selector, spec.template?.metadata?.labels))
      errs.push(invalidGo(`${p}.template.metadata.labels`, goStringMap(spec.template?.metadata?.labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, `${p}.template`));
  const rp = spec.template?.spec?.restartPolicy ?? '';
  if (rp === 'Always' || rp === '') errs.push(required(`${p}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(`${p}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']));
  return errs;
}

export const jobStrategy: KindStrategy = {
  prepareForCreate(obj) {
    const job = obj as Job;
    job['status'] = {};
    if (!job.spec || typeof job.spec !== 'object') return;
    copyTemplateLabels(job);
    if (job.spec.manualSelector !== true) generateSelector(job);
  },
  defaults(obj) {
    const job = obj as Job;
    if (!job.spec || typeof job.spec !== 'object') return;
    defaultJobSpec(job.spec);
    copyTemplateLabels(job);
  },
  validate(obj) {
    const job = obj as Job;
    const errs: FieldError[] = [];
    const uid = job.metadata.uid ?? '';
    const ml = job.spec?.selector?.matchLabels?.['batch.kubernetes.io/controller-uid'];
    if (job.spec?.manualSelector !== true && ml !== undefined && ml !== uid)
      errs.push(invalidGo('spec.selector', goLabelSelector(job.spec.selector), '`selector` not auto-generated'));
    errs.push(...validateJobSpec(job.spec ?? ({} as JobSpec), 'spec', true));
    return errs;
  },
  validateUpdate(obj, old) {
    const job = obj as Job;
    const o = old as Job;
    const errs = validateJobSpec(job.spec ?? ({} as JobSpec), 'spec', true);
    errs.push(...immutable('spec.selector', job.spec.selector, o.spec.selector, goLabelSelector(job.spec.selector)));
    if (job.spec.completionMode !== 'Indexed') errs.push(...immutable('spec.completions', job.spec.completions, o.spec.completions));
    errs.push(...immutable('spec.completionMode', job.spec.completionMode, o.spec.completionMode));
    // The template may change only while the Job is suspended (and has not started).
    if (!o.spec.suspend && JSON.stringify(job.spec.template) !== JSON.stringify(o.spec.template))
      errs.push(invalidGo('spec.template', 'core.PodTemplateSpec{...}', 'field is immutable'));
    if (job.spec.backoffLimit !== undefined && job.spec.backoffLimit < 0) errs.push(invalid('spec.backoffLimit', job.spec.backoffLimit, 'must be greater than or equal to 0'));
    return dedupe(errs);
  },
};

function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = JSON.stringify(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
