// Container resource requirements (ValidateResourceRequirements): standard names, non-negative
// quantities, integer-only resources, and requests not above limits.
import { compareQuantity, formatQuantity, milliValue, parseQuantity, type Quantity } from '../../api/quantity.ts';
import type { FieldError } from '../status.ts';
import { invalid, IS_NEGATIVE, required } from './field.ts';
import { qualifiedNameErrors } from './names.ts';

const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
const NON_OVERCOMMIT_PREFIXES = ['hugepages-'];

function q(v: unknown): Quantity | undefined {
  try {
    return parseQuantity(v as string);
  } catch {
    return undefined;
  }
}

function isNative(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function overcommitAllowed(name: string): boolean {
  return isNative(name) && !NON_OVERCOMMIT_PREFIXES.some((p) => name.startsWith(p));
}

function resourceNameErrors(name: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const m of qualifiedNameErrors(name)) errs.push(invalid(field, name, m));
  if (errs.length) return errs;
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER.has(name) && !name.startsWith('hugepages-'))
      errs.push(invalid(field, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && name.startsWith('requests.')) {
    errs.push(invalid(field, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function quantityValueErrors(name: string, v: Quantity, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (v.mantissa < 0n) errs.push(invalid(field, formatQuantity(v), IS_NEGATIVE));
  // Extended resources (vendor.com/gpu) and hugepages-free integer resources must be whole numbers.
  if (name.includes('/') && !isNative(name) && milliValue(v) % 1000 !== 0) errs.push(invalid(field, formatQuantity(v), 'must be an integer'));
  return errs;
}

export function validateResourceRequirements(
  res: { limits?: Record<string, unknown>; requests?: Record<string, unknown> } | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!res) return errs;
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  for (const name of Object.keys(limits).sort()) {
    const p = `${field}.limits[${name}]`;
    errs.push(...resourceNameErrors(name, p));
    const v = q(limits[name]);
    if (v) errs.push(...quantityValueErrors(name, v, p));
  }
  for (const name of Object.keys(requests).sort()) {
    const p = `${field}.requests[${name}]`;
    errs.push(...resourceNameErrors(name, p));
    const v = q(requests[name]);
    if (!v) continue;
    errs.push(...quantityValueErrors(name, v, p));
    const lim = name in limits ? q(limits[name]) : undefined;
    if (lim) {
      const c = compareQuantity(v, lim);
      if (c !== 0 && !overcommitAllowed(name))
        errs.push(invalid(`${field}.requests`, formatQuantity(v), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
      else if (c > 0)
        errs.push(invalid(`${field}.requests`, formatQuantity(v), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
    } else if (!overcommitAllowed(name)) {
      errs.push(required(`${field}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}
