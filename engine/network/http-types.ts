// An HTTP exchange in the emulated network, as plain data.
export interface HttpRequest {
  method: string;
  /** Path with query: "/", "/foo?x=1". */
  path: string;
  /** The Host header as sent (name or ip[:port]). */
  host: string;
  headers: Record<string, string>;
  userAgent: string;
  /** The address the server sees the request coming from. */
  clientIP: string;
  body?: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: Record<string, string>;
  body: string;
}
