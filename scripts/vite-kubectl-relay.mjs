// Vite plugin: the learner's own kubectl talks to the cluster in their browser tab. The dev
// server (`npm run dev`) and the preview server (`npm start`) accept Kubernetes REST requests
// under /kube-api, forward each over a WebSocket (/kube-api-relay) to the open tab, where the
// engine answers it (app/kubectl-relay.ts -> EngineApi.handleApiRequest -> engine/bridge), and
// write kubeplay.kubeconfig pointing at it:
//   kubectl --kubeconfig kubeplay.kubeconfig get pods
// The OpenAPI documents (kubectl explain, client-side validation) are served here, from the
// vendored spec, so the tab never loads them. Watches and `logs -f` stream back in chunks.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ApiBridge } from '../engine/bridge/handler.ts';
import { kubeconfigText } from '../engine/bridge/kubeconfig.ts';

export const API_PREFIX = '/kube-api';
export const RELAY_PATH = '/kube-api-relay';
const ANSWER_TIMEOUT_MS = 60_000;

/**
 * @param {{ kubeconfig?: string | false }} [options] kubeconfig path (project root relative; the
 *   KUBEPLAY_KUBECONFIG environment variable overrides it), false for none
 */
export function kubectlRelay(options = {}) {
  let root = process.cwd();
  return {
    name: 'kubeplay-kubectl-relay',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      install(server, root, options);
    },
    configurePreviewServer(server) {
      install(server, root, options);
    },
  };
}

function install(server, root, options) {
  const relay = new Relay();
  const openapi = new ApiBridge(() => {
    throw new Error('the OpenAPI bridge has no engine');
  }, { openapi: loadSpec() });
  server.middlewares.use((req, res, next) => {
    const url = req.url ?? '/';
    if (url === RELAY_PATH || url.startsWith(`${RELAY_PATH}?`)) {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-kubeplay-relay': '1', 'cache-control': 'no-store' });
      res.end(relay.connected() ? 'kubeplay kubectl relay: a tab is connected\n' : 'kubeplay kubectl relay: no tab connected\n');
      return;
    }
    // client-go joins /openapi/v3's serverRelativeURLs to the host or to the prefix: serve both.
    const inner = url === API_PREFIX || url.startsWith(`${API_PREFIX}/`) ? url.slice(API_PREFIX.length) || '/' : url.startsWith('/openapi/') ? url : undefined;
    if (inner === undefined) return next();
    void readBody(req).then((body) => {
      const headers = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v ?? '';
      if (inner.startsWith('/openapi/') || inner.split('?')[0] === '/openapi') {
        const out = openapi.handle({ method: req.method ?? 'GET', url: inner, headers, body: body.toString('utf8'), bodyBytes: new Uint8Array(body) });
        res.writeHead(out.status, out.headers);
        res.end(out.body ?? '');
        return;
      }
      relay.forward({ method: req.method ?? 'GET', url: inner, headers, bodyBase64: body.toString('base64') }, req, res);
    });
  });
  server.httpServer?.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== RELAY_PATH) return;
    const key = req.headers['sec-websocket-key'];
    if (!key) return socket.destroy();
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    relay.attach(new WsConnection(socket, head));
  });
  server.httpServer?.once('listening', () => {
    const addr = server.httpServer.address();
    if (!addr || typeof addr !== 'object' || options.kubeconfig === false) return;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address;
    const path = resolve(root, process.env.KUBEPLAY_KUBECONFIG ?? options.kubeconfig ?? 'kubeplay.kubeconfig');
    writeFileSync(path, kubeconfigText(`http://${host}:${addr.port}${API_PREFIX}`));
    server.config.logger.info(`  kubectl relay: kubectl --kubeconfig ${path} get nodes  (talks to the cluster in the open tab)`);
  });
}

let spec;
function loadSpec() {
  spec ??= JSON.parse(gunzipSync(readFileSync(new URL('../engine/bridge/kubernetes-swagger.json.gz', import.meta.url))).toString('utf8'));
  return spec;
}

function readBody(req) {
  return new Promise((done) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', () => done(Buffer.alloc(0)));
  });
}

function status(code, reason, message) {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

/** Pending requests by id, answered by the most recently connected tab. */
class Relay {
  constructor() {
    this.tab = undefined;
    this.seq = 0;
    this.pending = new Map();
  }

  connected() {
    return !!this.tab;
  }

  attach(conn) {
    this.tab = conn;
    conn.onMessage = (text) => this.receive(text);
    conn.onClose = () => {
      if (this.tab === conn) this.tab = undefined;
      for (const [id, p] of this.pending) if (p.conn === conn) this.finish(id, 503, 'ServiceUnavailable', 'the kubeplay tab went away');
    };
  }

  forward(request, req, res) {
    const conn = this.tab;
    if (!conn) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(status(503, 'ServiceUnavailable', 'no kubeplay tab is connected: open the app in a browser (the cluster runs in the tab)'));
      return;
    }
    const id = String(++this.seq);
    const timer = setTimeout(() => this.finish(id, 504, 'Timeout', 'the kubeplay tab did not answer in time'), ANSWER_TIMEOUT_MS);
    this.pending.set(id, { res, conn, timer, streaming: false });
    res.on('close', () => {
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      clearTimeout(p.timer);
      if (p.streaming) conn.send(JSON.stringify({ type: 'cancel', id }));
    });
    conn.send(JSON.stringify({ type: 'request', id, ...request }));
  }

  finish(id, code, reason, message) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (!p.res.headersSent) {
      p.res.writeHead(code, { 'content-type': 'application/json' });
      p.res.end(status(code, reason, message));
    } else p.res.end();
  }

  receive(text) {
    let m;
    try {
      m = JSON.parse(text);
    } catch {
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) {
      if (m.type === 'chunk' || m.type === 'response') this.tab?.send(JSON.stringify({ type: 'cancel', id: m.id }));
      return;
    }
    if (m.type === 'response') {
      clearTimeout(p.timer);
      if (m.streaming) {
        p.streaming = true;
        p.res.writeHead(m.status, { ...m.headers, 'transfer-encoding': 'chunked' });
        p.res.flushHeaders();
        return;
      }
      this.pending.delete(m.id);
      p.res.writeHead(m.status, m.headers);
      p.res.end(m.body ?? '');
    } else if (m.type === 'chunk') p.res.write(m.data);
    else if (m.type === 'end') {
      this.pending.delete(m.id);
      p.res.end();
    }
  }
}

/** A server-side WebSocket (RFC 6455): text messages, ping/pong, close. */
class WsConnection {
  constructor(socket, head) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.parts = [];
    this.onMessage = () => {};
    this.onClose = () => {};
    this.closed = false;
    socket.setNoDelay(true);
    socket.on('data', (d) => this.data(d));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
    if (head?.length) this.data(head);
  }

  data(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) return;
      const fin = (this.buf[0] & 0x80) !== 0;
      const op = this.buf[0] & 0x0f;
      const masked = (this.buf[1] & 0x80) !== 0;
      let len = this.buf[1] & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        off = 10;
      }
      const maskOff = off;
      if (masked) off += 4;
      if (this.buf.length < off + len) return;
      const payload = Buffer.from(this.buf.subarray(off, off + len));
      if (masked) for (let i = 0; i < len; i++) payload[i] ^= this.buf[maskOff + (i % 4)];
      this.buf = this.buf.subarray(off + len);
      if (op === 0x8) {
        this.frame(0x8, Buffer.alloc(0));
        this.socket.end();
        this.close();
        return;
      }
      if (op === 0x9) this.frame(0xa, payload);
      else if (op === 0x1 || op === 0x0) {
        this.parts.push(payload);
        if (fin) {
          const text = Buffer.concat(this.parts).toString('utf8');
          this.parts = [];
          this.onMessage(text);
        }
      }
    }
  }

  send(text) {
    this.frame(0x1, Buffer.from(text, 'utf8'));
  }

  frame(op, payload) {
    if (this.closed) return;
    const len = payload.length;
    const head = len < 126 ? Buffer.from([0x80 | op, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    if (len >= 126 && len < 65536) {
      head[0] = 0x80 | op;
      head[1] = 126;
      head.writeUInt16BE(len, 2);
    } else if (len >= 65536) {
      head[0] = 0x80 | op;
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(len), 2);
    }
    this.socket.write(Buffer.concat([head, payload]));
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}
