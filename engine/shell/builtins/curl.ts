// curl (8.x) in the terminal (the learner's machine: NodePorts, LoadBalancer IPs, port-forwards
// on localhost, ingress on localhost:80) and in images that ship it. -s -S -i -I -o -H -m
// --connect-timeout -f -L -X -A; errors in curl's words: `curl: (6) Could not resolve host: x`,
// `curl: (7) Failed to connect to x port 80 after 0 ms: Couldn't connect to server`.
import { CONNECT_TIMEOUT_MS } from '../../network/dial.ts';
import { originOf } from '../../network/exec-context.ts';
import { httpFetch, parseURL } from '../../network/http.ts';
import type { Builtin } from './builtin.ts';
import { RESOLVER_TIMEOUT_MS } from './wget.ts';

export const CURL_VERSION = '8.5.0';

export const curl: Builtin = async ({ args, io, host }) => {
  let silent = false, showErr = false, include = false, head = false, fail = false;
  let out: string | undefined;
  let method: string | undefined;
  let agent = `curl/${CURL_VERSION}`;
  let maxTime: number | undefined;
  let connectTimeout: number | undefined;
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const val = () => args[++i] ?? '';
    if (a === '-H' || a === '--header') {
      const h = val();
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
    } else if (a === '-o' || a === '--output') out = val();
    else if (a === '-X' || a === '--request') method = val();
    else if (a === '-A' || a === '--user-agent') agent = val();
    else if (a === '-m' || a === '--max-time') maxTime = Number(val());
    else if (a.startsWith('--max-time=')) maxTime = Number(a.slice(11));
    else if (a === '--connect-timeout') connectTimeout = Number(val());
    else if (a === '-w' || a === '-d' || a === '--data' || a === '-u' || a === '-e') val();
    else if (/^-[a-zA-Z]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's') silent = true;
        else if (f === 'S') showErr = true;
        else if (f === 'i') include = true;
        else if (f === 'I') head = true;
        else if (f === 'f') fail = true;
      }
    } else if (a === '--silent') silent = true;
    else if (a === '--include') include = true;
    else if (a === '--head') head = true;
    else if (a === '--fail') fail = true;
    else if (a.startsWith('-')) continue;
    else urls.push(a);
  }
  const error = (code: number, msg: string) => {
    if (!silent || showErr) io.err(`curl: (${code}) ${msg}\n`);
    return code;
  };
  if (urls.length === 0) {
    io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const origin = originOf(host.state);
  let code = 0;
  for (const raw of urls) {
    const url = parseURL(raw);
    if (!url) return error(3, `URL rejected: Malformed input to a URL function`);
    const r = httpFetch(host.engine, origin, url, { method: method ?? (head ? 'HEAD' : 'GET'), headers, userAgent: agent });
    if (!r.ok) {
      if (r.error === 'dnstimeout') {
        await io.sleep(RESOLVER_TIMEOUT_MS);
        return error(6, `Could not resolve host: ${url.host}`);
      }
      if (r.error === 'badaddress') return error(6, `Could not resolve host: ${url.host}`);
      if (r.error === 'refused') return error(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
      const limit = Math.min(...[maxTime, connectTimeout].filter((x): x is number => x !== undefined).map((s) => s * 1000), CONNECT_TIMEOUT_MS);
      await io.sleep(limit);
      if (limit < CONNECT_TIMEOUT_MS && maxTime !== undefined && limit === maxTime * 1000) return error(28, `Connection timed out after ${limit + 1} milliseconds`);
      if (limit < CONNECT_TIMEOUT_MS) return error(28, `Failed to connect to ${url.host} port ${url.port} after ${limit} ms: Timeout was reached`);
      return error(28, `Failed to connect to ${url.host} port ${url.port} after ${limit} ms: Couldn't connect to server`);
    }
    const res = r.response;
    if (fail && res.status >= 400) {
      code = error(22, `The requested URL returned error: ${res.status}`);
      continue;
    }
    const head1 = `HTTP/1.1 ${res.status} ${res.reason}\r\n${Object.entries(res.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
    const text = (include || head ? head1 : '') + (head ? '' : res.body);
    if (out && out !== '-') host.workspace.write(out, text);
    else io.out(text);
  }
  return code;
};
