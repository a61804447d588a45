// PriorityClass strategy: preemptionPolicy defaults to PreemptLowerPriority; user classes stay
// at or below 1000000000; the `system-` prefix is reserved; value and preemptionPolicy are
// immutable.
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { forbidden, immutable } from '../validation/field.ts';
import { SYSTEM_PRIORITY_CLASSES } from '../admission/priority.ts';

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;

function validatePriorityClass(obj: KubeObject): FieldError[] {
  const name = obj.metadata.name ?? '';
  const value = obj['value'] as number;
  if (name.startsWith('system-')) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    let err = '';
    if (known === undefined) err = `${name} is not a known system priority class`;
    else if (known !== value) err = `value of ${name} PriorityClass must be ${known}`;
    else if (obj['globalDefault'] === true) err = `globalDefault of ${name} PriorityClass must be false`;
    if (err) return [forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${err}`)];
  } else if (typeof value === 'number' && value > HIGHEST_USER_DEFINABLE_PRIORITY)
    return [forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`)];
  return [];
}

export const priorityClassStrategy: KindStrategy = {
  defaults(obj) {
    obj['preemptionPolicy'] ??= 'PreemptLowerPriority';
  },
  validate: validatePriorityClass,
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    if (obj['value'] !== old['value']) errs.push(forbidden('value', 'may not be changed in an update.'));
    errs.push(...immutable('preemptionPolicy', obj['preemptionPolicy'], old['preemptionPolicy']));
    return errs;
  },
};
