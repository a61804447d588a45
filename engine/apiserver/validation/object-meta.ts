// ValidateObjectMeta and the label/annotation/selector validators every kind shares
// (k8s.io/apimachinery/pkg/api/validation, pkg/apis/meta/v1/validation).
import type { LabelSelector, ObjectMeta } from '../../api/meta.ts';
import type { FieldError } from '../status.ts';
import { forbidden, invalid, invalidGo, nonNegative, required, tooLong } from './field.ts';
import { goStringSlice } from './go-format.ts';
import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, labelValueErrors, qualifiedNameErrors } from './names.ts';

export type NameValidator = (name: string) => string[];

/** Label keys and values; upstream reports every problem at the map's path (not per key). */
/**
 * Frozen label maps found valid: a ReplicaSet's pods share one (a map's validity does not depend
 * on where it is, only its messages do).
 */
const validLabels = new WeakSet<Record<string, string>>();

export function validateLabels(labels: Record<string, string> | undefined, field: string): FieldError[] {
  if (labels && validLabels.has(labels)) return [];
  const errs = labelErrors(labels, field);
  if (labels && !errs.length && Object.isFrozen(labels)) validLabels.add(labels);
  return errs;
}

function labelErrors(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k of Object.keys(labels).sort()) {
    for (const m of qualifiedNameErrors(k)) errs.push(invalid(field, k, m));
    const v = labels[k];
    if (typeof v !== 'string') continue;
    for (const m of labelValueErrors(v)) errs.push(invalid(field, v, m));
  }
  return errs;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: Record<string, string> | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let size = 0;
  for (const k of Object.keys(annotations).sort()) {
    // Annotation keys are qualified names, case-insensitively.
    for (const m of qualifiedNameErrors(k.toLowerCase())) errs.push(invalid(field, k, m));
    size += k.length + String(annotations[k] ?? '').length;
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(field, TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateLabelSelector(sel: LabelSelector | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels, `${field}.matchLabels`));
  (sel.matchExpressions ?? []).forEach((r, i) => {
    const p = `${field}.matchExpressions[${i}]`;
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${p}.operator`, r.operator ?? '', 'not a valid selector operator'));
    }
    for (const m of qualifiedNameErrors(r.key ?? '')) errs.push(invalid(`${p}.key`, r.key ?? '', m));
    values.forEach((v, j) => {
      for (const m of labelValueErrors(v)) errs.push(invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/** The name rule of each kind (ValidateXName). */
export function nameValidatorFor(resource: string): NameValidator {
  switch (resource) {
    case 'namespaces':
      return dns1123LabelErrors;
    case 'services':
      return dns1035LabelErrors;
    case 'roles.rbac.authorization.k8s.io':
    case 'clusterroles.rbac.authorization.k8s.io':
    case 'rolebindings.rbac.authorization.k8s.io':
    case 'clusterrolebindings.rbac.authorization.k8s.io':
      return pathSegmentNameErrors;
    default:
      return dns1123SubdomainErrors;
  }
}

/** ValidatePathSegmentName (RBAC objects may use ':' and upper case). */
export function pathSegmentNameErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (name.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/**
 * ValidateObjectMeta: name (or generateName), namespace scope, generation, labels, annotations,
 * ownerReferences and finalizers. `warn` receives upstream's non-fatal warnings.
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  namespaced: boolean,
  nameFn: NameValidator,
  warn?: (m: string) => void,
  field = 'metadata',
): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    // Names built from the prefix must still be valid, so the prefix is checked without its trailing '-'.
    const masked = meta.generateName.replace(/-$/, 'a');
    for (const m of nameFn(masked)) errs.push(invalid(`${field}.generateName`, meta.generateName, m));
  }
  if (!meta.name) errs.push(required(`${field}.name`, 'name or generateName is required'));
  else for (const m of nameFn(meta.name)) errs.push(invalid(`${field}.name`, meta.name, m));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(`${field}.namespace`));
    else for (const m of dns1123LabelErrors(meta.namespace)) errs.push(invalid(`${field}.namespace`, meta.namespace, m));
  } else if (meta.namespace) errs.push(forbidden(`${field}.namespace`, 'not allowed on this type'));
  errs.push(...nonNegative(`${field}.generation`, meta.generation));
  errs.push(...validateLabels(meta.labels, `${field}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${field}.annotations`));
  errs.push(...validateOwnerReferences(meta, `${field}.ownerReferences`));
  const finalizers = meta.finalizers ?? [];
  for (const f of finalizers) {
    for (const m of qualifiedNameErrors(f)) errs.push(invalid(`${field}.finalizers`, f, m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
      warn?.(`${field}.finalizers: "${f}": prefer a domain-qualified finalizer name including a path (/) to avoid accidental conflicts with other finalizer writers`);
  }
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion'))
    errs.push(invalidGo(`${field}.finalizers`, goStringSlice(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'));
  return errs;
}

function validateOwnerReferences(meta: ObjectMeta, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const controllers: string[] = [];
  for (const r of meta.ownerReferences ?? []) {
    const version = (r.apiVersion ?? '').includes('/') ? r.apiVersion.split('/')[1] : r.apiVersion;
    if (!version) errs.push(invalid(`${field}.apiVersion`, r.apiVersion ?? '', 'version must not be empty'));
    if (!r.kind) errs.push(invalid(`${field}.kind`, r.kind ?? '', 'kind must not be empty'));
    if (!r.name) errs.push(invalid(`${field}.name`, r.name ?? '', 'name must not be empty'));
    if (!r.uid) errs.push(invalid(`${field}.uid`, r.uid ?? '', 'uid must not be empty'));
    if (r.controller) controllers.push(`${r.kind}/${r.name}`);
  }
  if (controllers.length > 1)
    errs.push(
      invalidGo(
        field,
        '[]v1.OwnerReference{...}',
        `Only one reference can have Controller set to true. Found "true" in references for ${controllers.join(' and ')}`,
      ),
    );
  return errs;
}
