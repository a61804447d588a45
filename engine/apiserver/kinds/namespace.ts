// Namespace strategy: the kubernetes.io/metadata.name label, spec.finalizers [kubernetes],
// status.phase Active, and ValidateNamespace.
import type { Namespace } from '../../api/core-v1.ts';
import type { KubeObject } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import type { KindStrategy } from '../strategy.ts';
import { invalid } from '../validation/field.ts';
import { qualifiedNameErrors } from '../validation/names.ts';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function validateFinalizers(ns: Namespace): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ns.spec?.finalizers ?? []) {
    for (const m of qualifiedNameErrors(f)) errs.push(invalid('spec.finalizers', f, m));
    if (!f.includes('/') && f !== 'kubernetes')
      errs.push(invalid('spec.finalizers', f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

export const namespaceStrategy: KindStrategy = {
  prepareForCreate(obj) {
    const ns = obj as Namespace;
    ns.status = { phase: 'Active' };
    ns.spec = { ...(ns.spec ?? {}), finalizers: ns.spec?.finalizers ?? ['kubernetes'] };
  },
  prepareForUpdate(obj, old) {
    // spec.finalizers change only through the finalize subresource (the namespace controller).
    (obj as Namespace).spec = structuredClone((old as Namespace).spec ?? {});
  },
  defaults(obj) {
    const ns = obj as Namespace;
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns.metadata.name ?? '' };
  },
  validate(obj) {
    return validateFinalizers(obj as Namespace);
  },
  validateUpdate(obj: KubeObject) {
    return validateFinalizers(obj as Namespace);
  },
};
