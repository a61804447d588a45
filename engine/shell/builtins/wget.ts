// busybox wget (1.36), the HTTP client of busybox/alpine containers: -q, -O FILE|-, -T/--timeout,
// --spider, -S, -U, --header. Messages are busybox's: `wget: bad address 'x'`,
// `wget: can't connect to remote host (IP): Connection refused`, `wget: download timed out`,
// `wget: server returned error: HTTP/1.1 404 Not Found`.
import { httpFetch, parseURL } from '../../network/http.ts';
import { CONNECT_TIMEOUT_MS } from '../../network/dial.ts';
import { originOf } from '../../network/exec-context.ts';
import type { Builtin } from './builtin.ts';

/** musl retries a silent nameserver: 2 attempts x 5 s. */
export const RESOLVER_TIMEOUT_MS = 10_000;
/** busybox wget's default -T. */
const DEFAULT_TIMEOUT_S = 900;

function progress(name: string, size: number): string {
  return `${name.slice(0, 20).padEnd(20)}100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA\n`;
}

export const wget: Builtin = async ({ args, io, host }) => {
  let quiet = false;
  let out: string | undefined;
  let timeoutS = DEFAULT_TIMEOUT_S;
  let spider = false;
  let showHeaders = false;
  let agent = 'Wget';
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = () => args[++i] ?? '';
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-qO-' || a === '-qO') { quiet = true; out = a === '-qO-' ? '-' : val(); }
    else if (a === '-O') out = val();
    else if (a.startsWith('-O')) out = a.slice(2);
    else if (a.startsWith('--output-document=')) out = a.slice(18);
    else if (a === '-T') timeoutS = Number(val());
    else if (a.startsWith('--timeout=')) timeoutS = Number(a.slice(10));
    else if (a.startsWith('-T')) timeoutS = Number(a.slice(2));
    else if (a === '--spider') spider = true;
    else if (a === '-S' || a === '--server-response') showHeaders = true;
    else if (a === '-U') agent = val();
    else if (a.startsWith('--user-agent=')) agent = a.slice(13);
    else if (a === '--header') {
      const h = val();
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    } else if (a.startsWith('-') && a !== '-') continue;
    else urls.push(a);
  }
  if (urls.length === 0) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n');
    return 1;
  }
  const engine = host.engine;
  const origin = originOf(host.state);
  for (const raw of urls) {
    const url = parseURL(raw);
    if (!url) {
      io.err(`wget: bad address '${raw}'\n`);
      return 1;
    }
    const r = httpFetch(engine, origin, url, { method: spider ? 'HEAD' : 'GET', headers, userAgent: agent });
    if (!r.ok) {
      if (r.error === 'dnstimeout') await io.sleep(RESOLVER_TIMEOUT_MS);
      if (r.error === 'badaddress' || r.error === 'dnstimeout') {
        io.err(`wget: bad address '${url.host}'\n`);
        return 1;
      }
      if (!quiet) io.err(`Connecting to ${url.host}${url.explicitPort || url.port !== 80 ? `:${url.port}` : ''} (${r.ip}:${r.port})\n`);
      if (r.error === 'refused') {
        io.err(`wget: can't connect to remote host (${r.ip}): Connection refused\n`);
        return 1;
      }
      await io.sleep(Math.min(timeoutS * 1000, CONNECT_TIMEOUT_MS));
      io.err(timeoutS * 1000 <= CONNECT_TIMEOUT_MS ? 'wget: download timed out\n' : `wget: can't connect to remote host (${r.ip}): Connection timed out\n`);
      return 1;
    }
    const res = r.response;
    if (!quiet) io.err(`Connecting to ${url.host}${url.explicitPort ? `:${url.port}` : ''} (${r.ip}:${r.port})\n`);
    if (showHeaders) io.err(`  HTTP/1.1 ${res.status} ${res.reason}\n${Object.entries(res.headers).map(([k, v]) => `  ${k}: ${v}\n`).join('')}`);
    if (res.status >= 400) {
      io.err(`wget: server returned error: HTTP/1.1 ${res.status} ${res.reason}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) io.err('remote file exists\n');
      continue;
    }
    const file = out ?? (url.path.split('?')[0]!.split('/').pop() || 'index.html');
    if (file === '-') {
      if (!quiet) io.err('writing to stdout\n');
      io.out(res.body);
      if (!quiet) io.err(`${progress('-', res.body.length)}written to stdout\n`);
    } else {
      if (!quiet) io.err(`saving to '${file}'\n`);
      host.workspace.write(file, res.body);
      if (!quiet) io.err(`${progress(file, res.body.length)}'${file}' saved\n`);
    }
  }
  return 0;
};
