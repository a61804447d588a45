// GET pods/NAME/log: the container's log from the kubelet's sim records
// (`logs/<podUID>/<container>`, previous instance `.../previous`), with the API server's
// errors for containers that have not started; `follow=true` streams new lines until the
// container stops.
import type { Pod } from '../api/core-v1.ts';
import type { Engine } from '../engine.ts';
import { badRequest } from '../apiserver/status.ts';
import type { BridgeResponse } from './http.ts';
import { flushPod } from '../kubelet/processes.ts';

type LogEntry = string | { time?: string; line?: string; text?: string };

function lines(engine: Engine, pod: Pod, container: string, previous: boolean): { time?: string; text: string }[] {
  flushPod(engine.store, pod.metadata.uid!, engine.clock.now());
  const rec = engine.store.getRecord<LogEntry[] | string>(`logs/${pod.metadata.uid}/${container}${previous ? '/previous' : ''}`);
  if (rec === undefined) return [];
  if (typeof rec === 'string') return rec.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').map((text) => ({ text }));
  return rec.map((e) => (typeof e === 'string' ? { text: e } : { ...(e.time ? { time: e.time } : {}), text: e.line ?? e.text ?? '' }));
}

export interface LogQuery {
  container?: string;
  previous: boolean;
  follow: boolean;
  tailLines?: number;
  timestamps: boolean;
}

const FOLLOW_POLL_MS = 250;

export function podLog(engine: Engine, namespace: string, name: string, q: LogQuery): BridgeResponse {
  const pod = engine.api.get<Pod>('pods', namespace, name);
  const names = pod.spec.containers.map((c) => c.name);
  const all = [...names, ...(pod.spec.initContainers ?? []).map((c) => c.name)];
  let container = q.container ?? '';
  if (!container) {
    if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
    container = names[0]!;
  }
  if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  if (q.previous && !status?.lastState?.terminated)
    throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  const waiting = status?.state?.waiting;
  if (!q.previous && (!status || (waiting && !status.lastState?.terminated && (status.restartCount ?? 0) === 0)))
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting?.reason ?? 'ContainerCreating'}`);

  const render = (from: number): { text: string; count: number } => {
    const ls = lines(engine, pod, container, q.previous);
    let start = from;
    if (from === 0 && q.tailLines !== undefined && q.tailLines >= 0) start = Math.max(0, ls.length - q.tailLines);
    const text = ls.slice(start).map((l) => `${q.timestamps && l.time ? `${l.time} ` : ''}${l.text}\n`).join('');
    return { text, count: ls.length };
  };
  const first = render(0);
  const headers = { 'content-type': 'text/plain' };
  if (!q.follow || q.previous) return { status: 200, headers, body: first.text };
  const uid = pod.metadata.uid;
  return {
    status: 200,
    headers,
    stream: {
      start(write, end) {
        write(first.text);
        let seen = first.count;
        const timer = setInterval(() => {
          const r = render(seen);
          if (r.text) write(r.text);
          seen = Math.max(seen, r.count);
          const now = engine.api.tryGet<Pod>('pods', namespace, name);
          const cs = now?.status?.containerStatuses?.find((s) => s.name === container);
          if (!now || now.metadata.uid !== uid || cs?.state?.terminated || (cs && cs.restartCount !== status?.restartCount)) {
            clearInterval(timer);
            end();
          }
        }, FOLLOW_POLL_MS);
        return () => clearInterval(timer);
      },
    },
  };
}
