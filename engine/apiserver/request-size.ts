// The API server reads at most 3 MiB of request body (apiserver's MaxRequestBodyBytes default,
// which matches etcd's request limit with headroom); larger requests are refused before any
// decoding, so a huge manifest cannot stall the page. Sizes are those of the JSON kubectl sends.
import { ApiError } from './status.ts';

export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

/**
 * Whether `v` serialized as JSON would exceed `limit` bytes. Walks the value with a budget and
 * stops as soon as it is spent, so a 10 MB object costs no more than a 3 MB one.
 */
export function exceedsJsonSize(v: unknown, limit = MAX_REQUEST_BODY_BYTES): boolean {
  let budget = limit;
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === 'string') budget -= x.length + 2;
    else if (typeof x === 'number') budget -= String(x).length;
    else if (typeof x === 'boolean') budget -= 5;
    else if (x === null || x === undefined) budget -= 4;
    else if (Array.isArray(x)) {
      budget -= 2 + x.length;
      for (const e of x) stack.push(e);
    } else if (typeof x === 'object') {
      const keys = Object.keys(x);
      budget -= 2 + keys.length;
      for (const k of keys) {
        budget -= k.length + 3;
        stack.push((x as Record<string, unknown>)[k]);
      }
    }
    if (budget < 0) return true;
  }
  return false;
}

/** 413 as apierrors.NewRequestEntityTooLargeError words it. */
export function requestEntityTooLarge(limit = MAX_REQUEST_BODY_BYTES): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Request entity too large: limit is ${limit}`,
    reason: 'RequestEntityTooLarge',
    code: 413,
  });
}

export function checkRequestSize(body: unknown): void {
  if (exceedsJsonSize(body)) throw requestEntityTooLarge();
}
