// `npm run serve-api [-- --port N] [--seed N] [--kubeconfig PATH]`: runs the cluster in Node
// at real-time speed and serves the Kubernetes REST API on 127.0.0.1 (plain HTTP), so the
// real kubectl can drive it: `kubectl --kubeconfig kubeplay.kubeconfig get pods`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ApiBridge } from '../engine/bridge/handler.ts';
import { kubeconfigText } from '../engine/bridge/kubeconfig.ts';
import type { OpenApiV2 } from '../engine/bridge/openapi.ts';
import type { Engine } from '../engine/engine.ts';
import { createLocalEngine, type LocalEngine } from '../engine/index.ts';

const SPEC = fileURLToPath(new URL('../engine/bridge/kubernetes-swagger.json.gz', import.meta.url));

let spec: OpenApiV2 | undefined;
/** The vendored OpenAPI v2 document (committed gzipped beside the bridge). */
export function loadOpenApi(): OpenApiV2 {
  spec ??= JSON.parse(gunzipSync(readFileSync(SPEC)).toString('utf8')) as OpenApiV2;
  return spec;
}

export interface ApiServerHandle {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Serves the bridge for an engine (asked per request: the runtime may replace it). */
export function serveApi(engineOf: () => Engine, opts: { port?: number; host?: string } = {}): Promise<ApiServerHandle> {
  const bridge = new ApiBridge(engineOf, { openapi: loadOpenApi() });
  const host = opts.host ?? '127.0.0.1';
  const stops = new Set<() => void>();
  const server = createServer((req, res) => void handle(bridge, req, res, stops));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 6443, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 6443);
      resolvePromise({
        server,
        port,
        url: `http://${host}:${port}`,
        close: () =>
          new Promise((done) => {
            for (const s of stops) s();
            stops.clear();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

async function handle(bridge: ApiBridge, req: IncomingMessage, res: ServerResponse, stops: Set<() => void>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const raw = Buffer.concat(chunks);
  const out = bridge.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body: raw.toString('utf8'), bodyBytes: new Uint8Array(raw) });
  if (!out.stream) {
    res.writeHead(out.status, out.headers);
    res.end(out.body ?? '');
    return;
  }
  res.writeHead(out.status, { ...out.headers, 'transfer-encoding': 'chunked' });
  res.flushHeaders();
  let stop: (() => void) | undefined;
  const end = () => {
    if (stop) stops.delete(stop);
    stop?.();
    if (!res.writableEnded) res.end();
  };
  stop = out.stream.start((chunk) => {
    if (!res.writableEnded) res.write(chunk);
  }, end);
  stops.add(stop);
  res.on('close', end);
}

export { kubeconfigText };

function usage(): never {
  process.stderr.write('usage: npm run serve-api -- [--port N] [--seed N] [--kubeconfig PATH]\n');
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let port = 6443;
  let seed: number | undefined;
  const cwd = process.env['INIT_CWD'] ?? process.cwd();
  let kubeconfig = 'kubeplay.kubeconfig';
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? args[++i] ?? usage();
    if (flag === '--port') port = Number(value());
    else if (flag === '--seed') seed = Number(value());
    else if (flag === '--kubeconfig') kubeconfig = value();
    else usage();
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage();
  const hostRead = (path: string): string | undefined => {
    try {
      return readFileSync(isAbsolute(path) ? path : resolve(cwd, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const local: LocalEngine = createLocalEngine({ realtime: true, epoch: 'wall', hostRead, ...(seed !== undefined ? { seed } : {}) });
  await local.ready();
  let handle: ApiServerHandle;
  try {
    handle = await serveApi(() => local.engine, { port });
  } catch (e) {
    process.stderr.write(`serve-api: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}\n`);
    local.dispose();
    process.exit(1);
  }
  const path = isAbsolute(kubeconfig) ? kubeconfig : resolve(cwd, kubeconfig);
  writeFileSync(path, kubeconfigText(handle.url));
  process.stdout.write(
    `kubeplay API server (Kubernetes v1.32) listening on ${handle.url}\n` +
      `kubeconfig written to ${path}\n` +
      `try: kubectl --kubeconfig ${kubeconfig} get nodes\n`,
  );
  const stop = () => {
    void handle.close().then(() => {
      local.dispose();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
