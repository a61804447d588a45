// What each server image answers over HTTP, and on which port it listens (whatever the pod's
// containerPort says): nginx's welcome page (nginx 1.27, 615 bytes) and 404 page with its
// access log line, httpd's "It works!", the Kubernetes Basics bootcamp app, echoserver.
import type { Pod } from '../api/core-v1.ts';
import { parseImageRef } from '../containers/images.ts';
import type { HttpRequest, HttpResponse } from './http-types.ts';

export const NGINX_VERSION = '1.27.3';

export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's built-in error page (server_tokens on). */
export function nginxErrorPage(status: number, reason: string, server = `nginx/${NGINX_VERSION}`): string {
  return `<html>\n<head><title>${status} ${reason}</title></head>\n<body>\n<center><h1>${status} ${reason}</h1></center>\n<hr><center>${server}</center>\n</body>\n</html>\n`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** `01/Jan/2025:00:00:10 +0000`: nginx's $time_local in a UTC container. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** `Wed, 01 Jan 2025 00:00:10 GMT`: the Date header. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

export interface ServeContext {
  now: number;
  pod: Pod;
  /** The port the connection reached on the pod. */
  port: number;
}

export interface Server {
  ports: number[];
  serve(req: HttpRequest, cx: ServeContext): HttpResponse;
  /** The line the server prints on stdout for a request (its access log), if any. */
  accessLog?(req: HttpRequest, res: HttpResponse, cx: ServeContext): string;
}

function ok(body: string, contentType: string, extra: Record<string, string> = {}): HttpResponse {
  return { status: 200, reason: 'OK', headers: { 'Content-Type': contentType, 'Content-Length': String(body.length), ...extra }, body };
}

const nginx: Server = {
  ports: [80],
  serve(req, cx) {
    const path = req.path.split('?')[0]!;
    const base = { Server: `nginx/${NGINX_VERSION}`, Date: httpDate(cx.now) };
    if (path === '/' || path === '/index.html')
      return { status: 200, reason: 'OK', headers: { ...base, 'Content-Type': 'text/html', 'Content-Length': String(NGINX_WELCOME.length), 'Last-Modified': 'Tue, 26 Nov 2024 15:55:00 GMT', Connection: 'close', ETag: '"6745ef54-267"', 'Accept-Ranges': 'bytes' }, body: req.method === 'HEAD' ? '' : NGINX_WELCOME };
    const body = nginxErrorPage(404, 'Not Found');
    return { status: 404, reason: 'Not Found', headers: { ...base, 'Content-Type': 'text/html', 'Content-Length': String(body.length), Connection: 'close' }, body };
  },
  accessLog(req, res, cx) {
    return `${req.clientIP} - - [${clfTime(cx.now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length} "-" "${req.userAgent}" "-"`;
  },
};

const HTTPD_BODY = '<html><body><h1>It works!</h1></body></html>\n';
const httpd: Server = {
  ports: [80],
  serve(req, cx) {
    const path = req.path.split('?')[0]!;
    if (path === '/' || path === '/index.html') return ok(HTTPD_BODY, 'text/html', { Server: 'Apache/2.4.62 (Unix)', Date: httpDate(cx.now) });
    const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
    return { status: 404, reason: 'Not Found', headers: { 'Content-Type': 'text/html; charset=iso-8859-1', 'Content-Length': String(body.length) }, body };
  },
  accessLog(req, res, cx) {
    return `${req.clientIP} - - [${clfTime(cx.now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${res.body.length}`;
  },
};

function bootcamp(version: string): Server {
  return {
    ports: [8080],
    serve(_req, cx) {
      return ok(`Hello Kubernetes bootcamp! | Running on: ${cx.pod.metadata.name} | v=${version}\n`, 'text/plain');
    },
  };
}

const echoserver: Server = {
  ports: [8080],
  serve(req, cx) {
    const headers = { ...Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])), host: req.host, 'user-agent': req.userAgent };
    const body = [
      '', '',
      `Hostname: ${cx.pod.metadata.name}`, '',
      'Pod Information:', '\t-no pod information available-', '',
      'Server values:', '\tserver_version=nginx: 1.13.3 - lua: 10008', '',
      'Request Information:',
      `\tclient_address=${req.clientIP}`, `\tmethod=${req.method}`, `\treal path=${req.path.split('?')[0]}`, `\tquery=${req.path.split('?')[1] ?? ''}`,
      '\trequest_version=1.1', '\trequest_scheme=http', `\trequest_uri=http://${req.host}:${cx.port}${req.path}`, '',
      'Request Headers:', ...Object.keys(headers).sort().map((k) => `\t${k}=${headers[k as keyof typeof headers]}`), '',
      'Request Body:', '\t-no body in request-', '', '',
    ].join('\n');
    return ok(body, 'text/plain', { Server: 'echoserver' });
  },
};

/** A Go net/http response: headers written in sorted key order. */
function goResp(status: number, reason: string, body: string, now: number, extra: Record<string, string> = {}): HttpResponse {
  const headers: Record<string, string> = { 'Content-Length': String(body.length), 'Content-Type': 'text/plain; charset=utf-8', Date: httpDate(now), ...extra };
  return { status, reason, headers: Object.fromEntries(Object.keys(headers).sort().map((k) => [k, headers[k]!])), body };
}

/** Go's net/http answers for an unknown path. */
function goNotFound(now: number): HttpResponse {
  return goResp(404, 'Not Found', '404 page not found\n', now, { 'X-Content-Type-Options': 'nosniff' });
}

/** When the pod's agnhost container (re)started, as the kubelet reports it. */
function startedAt(cx: ServeContext): number {
  const s = cx.pod.status?.containerStatuses?.find((c) => /agnhost/.test(c.image ?? '') && c.state?.running)?.state?.running?.startedAt;
  return s ? Date.parse(s) : cx.now;
}

/** agnhost liveness: /healthz is 200 "ok" for 10 s after start, then 500 "error: <seconds>". */
const agnhostLiveness: Server = {
  ports: [8080],
  serve(req, cx) {
    const path = req.path.split('?')[0]!;
    if (path === '/healthz') {
      const secs = (cx.now - startedAt(cx)) / 1000;
      if (secs > 10) return goResp(500, 'Internal Server Error', `error: ${secs}`, cx.now);
      return goResp(200, 'OK', 'ok', cx.now);
    }
    return goNotFound(cx.now);
  },
};

/** agnhost netexec: / tells the time, /hostname the pod name (port 8080). */
const agnhostNetexec: Server = {
  ports: [8080],
  serve(req, cx) {
    const path = req.path.split('?')[0]!;
    if (path === '/hostname') return goResp(200, 'OK', cx.pod.metadata.name ?? '', cx.now);
    if (path === '/' || path === '/echo') return goResp(200, 'OK', path === '/' ? `NOW: ${new Date(cx.now).toISOString()}` : (req.path.split('msg=')[1] ?? ''), cx.now);
    return goNotFound(cx.now);
  },
};

/** agnhost serve-hostname (and registry.k8s.io/serve_hostname): the pod name on 9376. */
const serveHostname: Server = {
  ports: [9376],
  serve(_req, cx) {
    return goResp(200, 'OK', cx.pod.metadata.name ?? '', cx.now);
  },
};

/** The server a container's image runs (with its args, for multi-tool images), if it answers HTTP. */
export function serverFor(image: string | undefined, args: string[] = []): Server | undefined {
  const ref = parseImageRef(image ?? '');
  if (!ref) return undefined;
  switch (ref.repository) {
    case 'docker.io/library/nginx':
    case 'docker.io/nginxinc/nginx-unprivileged':
    case 'registry.k8s.io/nginx-slim':
    case 'k8s.gcr.io/nginx-slim':
      return nginx;
    case 'docker.io/library/httpd':
      return httpd;
    case 'gcr.io/google-samples/kubernetes-bootcamp':
      return bootcamp(ref.tag === 'v2' ? '2' : '1');
    case 'registry.k8s.io/e2e-test-images/agnhost':
      if (args[0] === 'liveness') return agnhostLiveness;
      if (args[0] === 'netexec') return agnhostNetexec;
      if (args[0] === 'serve-hostname') return serveHostname;
      return undefined;
    case 'registry.k8s.io/serve_hostname':
      return serveHostname;
    case 'registry.k8s.io/echoserver':
    case 'k8s.gcr.io/echoserver':
      return echoserver;
  }
  return undefined;
}
