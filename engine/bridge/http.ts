// The bridge's request and response shapes: plain data, so the same handler serves Node's
// HTTP server (bin/serve-api.ts) and, later, a relay into the browser tab.
import type { ApiStatus } from '../api/meta.ts';

export interface BridgeRequest {
  method: string;
  /** Path and query string, as on the request line: `/api/v1/pods?limit=500`. */
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  body: string;
  /** The raw body, for binary (protobuf) requests. */
  bodyBytes?: Uint8Array;
}

/** A long-lived response (watch, logs -f): `start` begins writing; the returned function stops it. */
export interface BridgeStream {
  start(write: (chunk: string) => void, end: () => void): () => void;
}

export interface BridgeResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string;
  stream?: BridgeStream;
}

export function json(status: number, value: unknown, headers: Record<string, string | string[]> = {}): BridgeResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function statusResponse(s: ApiStatus, headers: Record<string, string | string[]> = {}): BridgeResponse {
  return json(s.code, s, headers);
}

export function text(status: number, body: string, contentType = 'text/plain'): BridgeResponse {
  return { status, headers: { 'content-type': contentType }, body };
}
