// CronJob strategy: SetDefaults_CronJob, ValidateCronJob (schedule, policies, job template) and
// the 52-character name limit on create.
import type { PodTemplateSpec } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { invalid, invalidGo, nonNegative, notSupported, required } from '../validation/field.ts';
import { cronScheduleError } from '../validation/cron.ts';
import { goLabelSelector } from '../validation/go-format.ts';
import { validateAnnotations, validateLabels } from '../validation/object-meta.ts';
import { validateJobSpec, type JobSpec } from './job.ts';
import { defaultPodTemplate } from './pod-defaults.ts';

interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  concurrencyPolicy?: string;
  suspend?: boolean;
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown }; spec?: JobSpec };
}
type CronJob = KubeObject & { spec: CronJobSpec };

function validateCronJobSpec(spec: CronJobSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else {
    const e = cronScheduleError(spec.schedule);
    if (e) errs.push(invalid('spec.schedule', spec.schedule, e));
    else if (/(^|\s)(CRON_)?TZ=/.test(spec.schedule))
      errs.push(invalid('spec.schedule', spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  errs.push(...nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds));
  const cp = spec.concurrencyPolicy ?? '';
  if (cp === '') errs.push(required('spec.concurrencyPolicy'));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(notSupported('spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']));
  const jt = spec.jobTemplate;
  if (!jt?.spec) errs.push(required('spec.jobTemplate.spec'));
  else {
    errs.push(...validateLabels(jt.metadata?.labels, 'spec.jobTemplate.metadata.labels'));
    errs.push(...validateAnnotations(jt.metadata?.annotations, 'spec.jobTemplate.metadata.annotations'));
    if (jt.spec.selector) errs.push(invalidGo('spec.jobTemplate.spec.selector', goLabelSelector(jt.spec.selector), '`selector` will be auto-generated'));
    if (jt.spec.manualSelector === true) errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
    errs.push(...validateJobSpec(jt.spec, 'spec.jobTemplate.spec', false));
  }
  errs.push(...nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit));
  errs.push(...nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit));
  return errs;
}

export const cronJobStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = {};
  },
  defaults(obj) {
    const cj = obj as CronJob;
    const spec = (cj.spec ??= {});
    if (typeof spec !== 'object') return;
    spec.concurrencyPolicy ||= 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jt = spec.jobTemplate;
    if (jt && typeof jt === 'object') {
      jt.metadata ??= {};
      if (!('creationTimestamp' in jt.metadata)) jt.metadata['creationTimestamp'] = null;
      if (jt.spec) defaultPodTemplate(jt.spec.template as PodTemplateSpec);
    }
  },
  validate(obj) {
    const cj = obj as CronJob;
    const errs: FieldError[] = [];
    if ((cj.metadata.name ?? '').length > 52) errs.push(invalid('metadata.name', cj.metadata.name, 'must be no more than 52 characters'));
    return [...errs, ...validateCronJobSpec(cj.spec ?? {})];
  },
  validateUpdate(obj) {
    return validateCronJobSpec((obj as CronJob).spec ?? {});
  },
};
