// The one place that turns an API error (metav1.Status) into kubectl's text, as
// k8s.io/kubectl/pkg/cmd/util/helpers.go (StandardErrorMessage, MultilineError) and
// AddSourceToErr print it.
import type { ApiStatus } from '../api/meta.ts';
import { ApiError } from '../apiserver/status.ts';

export interface ErrorSource {
  /** "creating", "retrieving current configuration of", ... */
  verb: string;
  /** The file name, or "STDIN". */
  source: string;
}

/** The full stderr text (ending in a newline) kubectl prints for an API error. */
export function statusText(status: ApiStatus, from?: ErrorSource): string {
  // No HTTP answer at all (kube-apiserver down): client-go's connection error, printed bare.
  if (status.code === 0) return `${status.message}\n`;
  if (status.reason === 'Invalid' && status.details) {
    const d = status.details;
    const head = d.kind || d.name ? `The ${d.kind ?? ''} "${d.name ?? ''}" is invalid` : 'The request is invalid';
    const causes: string[] = [];
    for (const c of d.causes ?? []) {
      const line = c.field ? `${c.field}: ${c.message}` : c.message;
      if (!causes.includes(line)) causes.push(line);
    }
    if (causes.length === 0) return `${head}\n`;
    if (causes.length === 1) return `${head}: ${causes[0]}\n`;
    return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}\n`;
  }
  const message = from && from.source ? `error when ${from.verb} "${from.source}": ${status.message}` : status.message;
  if (status.reason) return `Error from server (${status.reason}): ${message}\n`;
  return `Error from server: ${message}\n`;
}

/** Text for anything a command caught: API errors as above, others as `error: ...`. */
export function errorText(e: unknown, from?: ErrorSource): string {
  if (e instanceof ApiError) return statusText(e.status, from);
  const msg = e instanceof Error ? e.message : String(e);
  return msg.startsWith('error: ') ? `${msg}\n` : `error: ${msg}\n`;
}

/** An error a multi-object command collected: text already formatted, or an error to format. */
export type Reported = string | { error: unknown; from?: ErrorSource };

/**
 * Prints collected errors as kubectl's CheckErr does: one error alone in its standard form
 * (`The Service "x" is invalid: ...`), several as an aggregate — each API error as
 * `Error from server (Reason): <message>` with the server's one-line message, others bare.
 */
export function reportErrors(err: (s: string) => void, items: readonly Reported[]): void {
  if (items.length === 1) {
    const only = items[0]!;
    err(typeof only === 'string' ? only : errorText(only.error, only.from));
    return;
  }
  for (const it of items) {
    if (typeof it === 'string') {
      err(it);
      continue;
    }
    if (it.error instanceof ApiError && it.error.status.code !== 0) {
      const s = it.error.status;
      const msg = it.from && it.from.source ? `error when ${it.from.verb} "${it.from.source}": ${s.message}` : s.message;
      err(s.reason ? `Error from server (${s.reason}): ${msg}\n` : `Error from server: ${msg}\n`);
    } else err(errorText(it.error, it.from).replace(/^error: /, ''));
  }
}

/**
 * A list by selector the server refused (a label or field selector it cannot parse): the
 * BadRequest cli-runtime's Selector visitor rewrites as `Unable to find "<gvr>" that match
 * label selector "...", field selector "...": <why>`.
 */
export function selectorListError(t: { group: string; version: string; plural: string }, labelSelector: string, fieldSelector: string, why: string): ApiError {
  const gvr = `${t.group ? `${t.group}/` : '/'}${t.version}, Resource=${t.plural}`;
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${why}`,
    reason: 'BadRequest',
    code: 400,
  } as ConstructorParameters<typeof ApiError>[0]);
}
