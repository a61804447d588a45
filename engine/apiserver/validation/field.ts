// Constructors for field.Error (k8s.io/apimachinery/pkg/util/validation/field), so validators read
// like upstream's: required(path), invalid(path, value, detail), notSupported(path, value, allowed).
import type { FieldError } from '../status.ts';

export function required(field: string, detail?: string): FieldError {
  return detail ? { type: 'FieldValueRequired', field, detail } : { type: 'FieldValueRequired', field };
}

export function invalid(field: string, value: unknown, detail?: string): FieldError {
  return detail === undefined ? { type: 'FieldValueInvalid', field, value } : { type: 'FieldValueInvalid', field, value, detail };
}

/** An Invalid error whose value upstream prints with %#v (maps, structs): pass the Go text. */
export function invalidGo(field: string, valueText: string, detail?: string): FieldError {
  return { type: 'FieldValueInvalid', field, valueText, ...(detail === undefined ? {} : { detail }) };
}

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  return { type: 'FieldValueNotSupported', field, value, supported: [...supported] };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, value };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}

export function tooLong(field: string, max: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `may not be more than ${max} bytes` };
}

export function tooMany(field: string, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, detail: `must have at most ${max} items` };
}

export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, value };
}

export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const IS_NOT_POSITIVE = 'must be greater than 0';
export const FIELD_IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField. */
export function nonNegative(field: string, v: number | undefined): FieldError[] {
  return v !== undefined && v < 0 ? [invalid(field, v, IS_NEGATIVE)] : [];
}

/** ValidatePositiveField (> 0). */
export function positive(field: string, v: number | undefined): FieldError[] {
  return v !== undefined && v <= 0 ? [invalid(field, v, IS_NOT_POSITIVE)] : [];
}

/** ValidateImmutableField: the value is the new one, printed as upstream prints it. */
export function immutable(field: string, next: unknown, prev: unknown, valueText?: string): FieldError[] {
  if (JSON.stringify(next) === JSON.stringify(prev)) return [];
  return [valueText !== undefined ? invalidGo(field, valueText, FIELD_IMMUTABLE) : invalid(field, next, FIELD_IMMUTABLE)];
}
