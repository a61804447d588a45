// DaemonSet strategy: SetDefaults_DaemonSet, ValidateDaemonSet (selector, template, rolling
// update parameters) and the immutable selector.
import type { PodTemplateSpec } from '../../api/core-v1.ts';
import type { KubeObject, LabelSelector } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { forbidden, immutable, invalidGo, nonNegative, notSupported, required } from '../validation/field.ts';
import { goIntOrString, goLabelSelector } from '../validation/go-format.ts';
import { validateSelectorAndTemplate } from '../validation/pod-template.ts';
import { notMoreThan100Percent, validatePositiveIntOrPercent } from './deployment.ts';
import { defaultPodTemplate } from './pod-defaults.ts';

interface DaemonSetSpec {
  selector?: LabelSelector;
  template?: PodTemplateSpec;
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
}
type DaemonSet = KubeObject & { spec: DaemonSetSpec };

const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

function intOrPercent(v: number | string | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+%$/.test(v)) return Number(v.slice(0, -1));
  return 0;
}

function validateSpec(spec: DaemonSetSpec): FieldError[] {
  const errs = validateSelectorAndTemplate(spec.selector, spec.template, 'spec', { emptyMessage: 'empty selector is invalid for daemonset' });
  errs.push(...nonNegative('spec.minReadySeconds', spec.minReadySeconds));
  errs.push(...nonNegative('spec.revisionHistoryLimit', spec.revisionHistoryLimit));
  const us = spec.updateStrategy ?? {};
  const p = 'spec.updateStrategy';
  switch (us.type) {
    case 'OnDelete':
      break;
    case 'RollingUpdate': {
      const ru = us.rollingUpdate;
      if (!ru) {
        errs.push(required(`${p}.rollingUpdate`));
        break;
      }
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, `${p}.rollingUpdate.maxUnavailable`));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, `${p}.rollingUpdate.maxSurge`));
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, `${p}.rollingUpdate.maxUnavailable`));
      errs.push(...notMoreThan100Percent(ru.maxSurge, `${p}.rollingUpdate.maxSurge`));
      const hasU = intOrPercent(ru.maxUnavailable) !== 0;
      const hasS = intOrPercent(ru.maxSurge) !== 0;
      if (hasU && hasS) errs.push(invalidGo(`${p}.rollingUpdate.maxSurge`, goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      if (!hasU && !hasS) errs.push(required(`${p}.rollingUpdate.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
      break;
    }
    default:
      errs.push(notSupported(`${p}.type`, us.type ?? '', ['OnDelete', 'RollingUpdate']));
  }
  if (us.type === 'OnDelete' && us.rollingUpdate) errs.push(forbidden(`${p}.rollingUpdate`, "may not be specified when strategy `type` is 'OnDelete'"));
  return errs;
}

export const daemonSetStrategy: KindStrategy = {
  prepareForCreate(obj) {
    obj['status'] = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    // spec.templateGeneration starts at 1; apps/v1 carries it as this annotation.
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: obj.metadata.annotations?.[TEMPLATE_GENERATION] ?? '1' };
  },
  prepareForUpdate(obj, old) {
    // A client cannot set the template generation; it is bumped when the template changes.
    const ds = obj as DaemonSet;
    const prev = (old as DaemonSet).spec?.template;
    const next = structuredClone(ds.spec?.template);
    if (next) defaultPodTemplate(next);
    const gen = Number(old.metadata.annotations?.[TEMPLATE_GENERATION] ?? 1);
    const changed = canonical(next) !== canonical(prev);
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [TEMPLATE_GENERATION]: String(changed ? gen + 1 : gen) };
  },
  defaults(obj) {
    const ds = obj as DaemonSet;
    const spec = (ds.spec ??= {});
    if (typeof spec !== 'object') return;
    const us = (spec.updateStrategy ??= {});
    us.type ||= 'RollingUpdate';
    if (us.type === 'RollingUpdate') {
      const ru = (us.rollingUpdate ??= {});
      ru.maxUnavailable ??= 1;
      ru.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplate(spec.template);
  },
  validate(obj) {
    return validateSpec((obj as DaemonSet).spec ?? {});
  },
  validateUpdate(obj, old) {
    const ds = obj as DaemonSet;
    return [
      ...validateSpec(ds.spec ?? {}),
      ...immutable('spec.selector', ds.spec?.selector, (old as DaemonSet).spec?.selector, goLabelSelector(ds.spec?.selector)),
    ];
  },
};
