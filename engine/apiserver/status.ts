// metav1.Status factories, worded exactly as the Kubernetes API server words them
// (k8s.io/apimachinery/pkg/api/errors). kubectl/server-errors.ts turns them into text.
import type { ApiStatus, StatusReason } from '../api/meta.ts';

export class ApiError extends Error {
  constructor(readonly status: ApiStatus) {
    super(status.message);
    this.name = 'ApiError';
  }
}

export interface GroupResource {
  group: string;
  resource: string;
}

export interface FieldError {
  /** "Required value", "Invalid value", "Unsupported value", "Duplicate value", "Forbidden", "Too long", "Not found" */
  type: FieldErrorType;
  field: string;
  /** The offending value, printed as upstream prints it (omitted for Required/Forbidden). */
  value?: unknown;
  /** The value already rendered as Go's %#v prints it (maps, structs); wins over `value`. */
  valueText?: string;
  detail?: string;
  /** For "Unsupported value": the allowed values. */
  supported?: string[];
}

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound';

function status(code: number, reason: StatusReason, message: string, details?: ApiStatus['details']): ApiStatus {
  const s: ApiStatus = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function notFound(gr: GroupResource, name: string): ApiError {
  return new ApiError(
    status(404, 'NotFound', `${qualified(gr)} "${name}" not found`, { name, group: gr.group || undefined, kind: gr.resource }),
  );
}

export function alreadyExists(gr: GroupResource, name: string): ApiError {
  return new ApiError(
    status(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, { name, group: gr.group || undefined, kind: gr.resource }),
  );
}

export function conflict(gr: GroupResource, name: string, why: string): ApiError {
  return new ApiError(
    status(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, {
      name,
      group: gr.group || undefined,
      kind: gr.resource,
    }),
  );
}

export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export function badRequest(message: string): ApiError {
  return new ApiError(status(400, 'BadRequest', message));
}

export function forbidden(message: string): ApiError {
  return new ApiError(status(403, 'Forbidden', message));
}

export function methodNotAllowed(message: string): ApiError {
  return new ApiError(status(405, 'MethodNotAllowed', message));
}

export function internalError(message: string): ApiError {
  return new ApiError(status(500, 'InternalError', `Internal error occurred: ${message}`));
}

export function serviceUnavailable(message: string): ApiError {
  return new ApiError(status(503, 'ServiceUnavailable', message));
}

/** Formats one field error as field.Error.Error() does. */
export function formatFieldError(e: FieldError): string {
  const shown = e.valueText ?? formatValue(e.value);
  switch (e.type) {
    case 'FieldValueRequired':
      return `${e.field}: Required value${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueForbidden':
      return `${e.field}: Forbidden${e.detail ? `: ${e.detail}` : ''}`;
    case 'FieldValueNotSupported': {
      const allowed = (e.supported ?? []).map((s) => JSON.stringify(s)).join(', ');
      return `${e.field}: Unsupported value: ${shown}${allowed ? `: supported values: ${allowed}` : ''}`;
    }
    case 'FieldValueDuplicate':
      return `${e.field}: Duplicate value: ${shown}`;
    case 'FieldValueNotFound':
      return `${e.field}: Not found: ${shown}`;
    case 'FieldValueTooLong':
      return `${e.field}: Too long: ${e.detail ?? ''}`;
    case 'FieldValueTooMany':
      return `${e.field}: Too many: ${e.detail ?? ''}`;
    case 'FieldValueInvalid':
    default:
      return `${e.field}: Invalid value: ${shown}${e.detail ? `: ${e.detail}` : ''}`;
  }
}

/** Values print as Go's %#v-ish form used by field.Error: strings quoted, numbers bare. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * 422 Invalid: `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be
 * greater than or equal to 0`; several causes are joined as `[a, b]` as the server does.
 */
export function invalid(kind: string, group: string, name: string, errs: FieldError[]): ApiError {
  const parts = errs.map(formatFieldError);
  const joined = parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`;
  return new ApiError(
    status(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${joined}`, {
      name,
      group: group || undefined,
      kind,
      causes: errs.map((e) => ({ reason: e.type, message: formatFieldError(e).slice(e.field.length + 2), field: e.field })),
    }),
  );
}
