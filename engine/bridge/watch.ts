// ?watch=true: a chunked stream of `{"type":"ADDED","object":{...}}` lines. Without a
// resourceVersion (or "0") the current objects arrive first as ADDED; with one, retained
// changes after it are replayed (a too-old version ends in an ERROR event with 410 Expired).
import type { KubeObject } from '../api/meta.ts';
import type { WatchOptions } from '../apiserver/apiserver.ts';
import { ApiError } from '../apiserver/status.ts';
import type { Engine } from '../engine.ts';
import type { WatchEvent } from '../store/store.ts';
import type { BridgeResponse } from './http.ts';
import { toTable, type IncludeObject } from './table.ts';

export interface WatchRequest {
  resource: string;
  opts: WatchOptions;
  table?: { include: IncludeObject };
  /** Wall-clock limit (timeoutSeconds). */
  timeoutMs?: number;
}

export function watchResponse(engine: Engine, req: WatchRequest): BridgeResponse {
  // Subscribe now (replayed events and a 410 happen at request time), deliver once started.
  let pending: string[] | undefined = [];
  let sink: ((line: string) => void) | undefined;
  let first = true;
  const encode = (type: string, object: KubeObject): string => {
    let obj: unknown = object;
    if (req.table && type !== 'ERROR') {
      obj = toTable(req.resource, [object], { now: engine.clock.now(), include: req.table.include, withColumns: first });
      first = false;
    }
    return `${JSON.stringify({ type, object: obj })}\n`;
  };
  const push = (line: string) => (sink ? sink(line) : pending!.push(line));
  let unwatch: (() => void) | undefined;
  let failed = false;
  try {
    const opts = { ...req.opts, resourceVersion: req.opts.resourceVersion || '0' };
    unwatch = engine.api.watch((e: WatchEvent) => push(encode(e.type, e.object)), req.resource, opts);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    push(`${JSON.stringify({ type: 'ERROR', object: e.status })}\n`);
    failed = true;
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    stream: {
      start(write, end) {
        for (const l of pending!) write(l);
        pending = undefined;
        if (failed) {
          end();
          return () => undefined;
        }
        sink = write;
        const timer = req.timeoutMs ? setTimeout(() => (unwatch?.(), end()), req.timeoutMs) : undefined;
        return () => {
          unwatch?.();
          if (timer !== undefined) clearTimeout(timer);
        };
      },
    },
  };
}
