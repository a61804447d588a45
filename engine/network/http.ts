// An HTTP request from somewhere in the emulated network (what wget and curl do): parse the
// URL, resolve the host the way the caller's libc would, connect (dial.ts), and let the
// server image answer. ingress-nginx answers for port 80 of localhost / the control-plane node
// and proxies to a backend endpoint. Servers append their access-log line to the container's log.
import type { Engine } from '../engine.ts';
import { appendLog } from '../kubelet/container-log.ts';
import { resolveHost } from './dns.ts';
import { dial, podByIP, toPod, type DialResult } from './dial.ts';
import type { HttpRequest, HttpResponse } from './http-types.ts';
import { routeIngress } from './ingress-route.ts';
import type { Origin } from './origin.ts';
import { httpDate, nginxErrorPage } from './servers.ts';
import { countRequest } from './traffic.ts';

export interface ParsedURL {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** Whether the port was written in the URL (it shows in the Host header then). */
  explicitPort: boolean;
  path: string;
}

export function parseURL(raw: string): ParsedURL | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^#\s]*)/i.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1]?.toLowerCase() ?? 'http') as 'http' | 'https';
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  const path = m[4] ? (m[4].startsWith('/') ? m[4] : `/${m[4]}`) : '/';
  return { scheme, host: m[2]!.toLowerCase(), port, explicitPort: !!m[3], path };
}

export interface FetchOptions {
  method?: string;
  headers?: Record<string, string>;
  userAgent: string;
}

export type FetchResult =
  | { ok: true; response: HttpResponse; ip: string; port: number }
  | { ok: false; error: 'badaddress' | 'dnstimeout' | 'refused' | 'timeout'; ip?: string; port: number; host: string };

const INGRESS_CONTROLLER_IP = '10.244.0.4';

function serve(engine: Engine, d: Extract<DialResult, { target: unknown }>, req: HttpRequest): HttpResponse {
  const { pod, container, server, port } = d.target;
  const cx = { now: engine.clock.now(), pod, port };
  const res = server.serve(req, cx);
  const line = server.accessLog?.(req, res, cx);
  if (line !== undefined) {
    appendLog(engine.store, pod.metadata.uid!, container.name, `${line}\n`, engine.clock.now());
  }
  countRequest(engine, `${pod.metadata.namespace}/${pod.metadata.name}`, d.target.service);
  return res;
}

function ingressAnswer(engine: Engine, req: HttpRequest): HttpResponse {
  const route = routeIngress(engine, req.host, req.path);
  const page = (status: number, reason: string): HttpResponse => {
    const body = nginxErrorPage(status, reason, 'nginx');
    return { status, reason, headers: { Date: httpDate(engine.clock.now()), 'Content-Type': 'text/html', 'Content-Length': String(body.length), Connection: 'keep-alive' }, body };
  };
  if (route.kind === 'status') return page(route.status, route.reason);
  const ep = route.endpoints[engine.rng.int(route.endpoints.length)]!;
  const d = toPod(engine, { kind: 'host' }, podByIP(engine, ep.ip), ep.port, `${route.namespace}/${route.service}`);
  if (!d.ok || !('target' in d)) return d.ok ? page(502, 'Bad Gateway') : d.error === 'timeout' ? page(504, 'Gateway Time-out') : page(502, 'Bad Gateway');
  return serve(engine, d, { ...req, clientIP: INGRESS_CONTROLLER_IP });
}

export function httpFetch(engine: Engine, origin: Origin, url: ParsedURL, opts: FetchOptions): FetchResult {
  const r = resolveHost(engine, origin, url.host);
  if (r === 'notfound') return { ok: false, error: 'badaddress', port: url.port, host: url.host };
  if (r === 'timeout') return { ok: false, error: 'dnstimeout', port: url.port, host: url.host };
  const ip = r.addresses[0]!;
  const d = dial(engine, origin, ip, url.port);
  if (!d.ok) return { ok: false, error: d.error, ip, port: url.port, host: url.host };
  const hostHeader = opts.headers?.['Host'] ?? opts.headers?.['host'] ?? (url.explicitPort ? `${url.host}:${url.port}` : url.host);
  const req: HttpRequest = {
    method: opts.method ?? 'GET', path: url.path, host: hostHeader, headers: { ...(opts.headers ?? {}) }, userAgent: opts.userAgent, clientIP: d.clientIP,
  };
  const response = 'ingress' in d ? ingressAnswer(engine, req) : serve(engine, d, req);
  return { ok: true, response, ip, port: url.port };
}
