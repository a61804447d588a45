// The tab's end of the dev server's kubectl relay (scripts/vite-kubectl-relay.mjs): while the
// app is served by `npm run dev` or `npm start`, the learner's own kubectl talks to the cluster
// in this tab. The server forwards each Kubernetes REST request over a WebSocket; the engine
// answers it (EngineApi.handleApiRequest). Elsewhere (a static host) the probe fails and the
// relay stays off.
import type { ApiRelayRequest, EngineApi } from '../engine/engine-api.ts';

export const RELAY_PATH = '/kube-api-relay';

type ServerMessage = ({ type: 'request' } & ApiRelayRequest) | { type: 'cancel'; id: string };

export async function startKubectlRelay(engine: EngineApi, base: URL = new URL(location.href)): Promise<WebSocket | undefined> {
  if (!engine.handleApiRequest) return undefined;
  const probe = await fetch(new URL(RELAY_PATH, base)).catch(() => undefined);
  if (!probe?.ok || probe.headers.get('x-kubeplay-relay') !== '1') return undefined;
  return connect(engine, base, 0);
}

function connect(engine: EngineApi, base: URL, attempt: number): WebSocket {
  const url = new URL(RELAY_PATH, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  const send = (m: unknown) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };
  ws.addEventListener('open', () => (attempt = 0));
  ws.addEventListener('message', (ev) => {
    const m = JSON.parse(String(ev.data)) as ServerMessage;
    if (m.type === 'cancel') {
      void engine.cancelApiRequest?.(m.id);
      return;
    }
    const { type: _type, ...req } = m;
    void engine
      .handleApiRequest!(req, (chunk) => send(chunk === null ? { type: 'end', id: req.id } : { type: 'chunk', id: req.id, data: chunk }))
      .then((res) => send({ type: 'response', id: req.id, ...res }))
      .catch((e: unknown) =>
        send({ type: 'response', id: req.id, status: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: String((e as Error)?.message ?? e), reason: 'InternalError', code: 500 }) }),
      );
  });
  // The dev server restarts now and then: reconnect, more slowly each time.
  ws.addEventListener('close', () => {
    setTimeout(() => connect(engine, base, attempt + 1), Math.min(30_000, 500 * 2 ** attempt));
  });
  return ws;
}
