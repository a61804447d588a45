// The running script processes of a node's containers. The interpreter state lives in memory
// (per Store, so twin engines never share), the inputs in a sim record, so after a reload the
// process is replayed deterministically from its start. Log lines are materialised lazily:
// whoever reads a container's log (kubectl logs, the bridge, an exit) flushes the output the
// process produced up to now, so `while true; do date; sleep 1; done` costs nothing while nobody
// looks and no timer runs per `sleep 1`.
import type { Store } from '../store/store.ts';
import { appendLog } from './container-log.ts';
import { STEP_CAP, VirtualProcess, type ProcessInput } from '../containers/virtual-process.ts';

export interface ProcRecord {
  input: ProcessInput;
  containerID: string;
  /** Output up to this virtual time is in the log record. */
  flushedAt: number;
  /** Set once the container stopped: output after it never happened. */
  stoppedAt?: number;
}

interface Live {
  proc: VirtualProcess;
  containerID: string;
  /** Files as of `flushedAt` (timeline file events folded in). */
  base: Map<string, string>;
}

const live = new WeakMap<Store, Map<string, Live>>();

export const procKey = (uid: string, container: string) => `kubelet/proc/${uid}/${container}`;

function cache(store: Store): Map<string, Live> {
  let m = live.get(store);
  if (!m) live.set(store, (m = new Map()));
  return m;
}

/** Registers a freshly started process (already looked ahead by planProcess). */
export function registerProcess(store: Store, uid: string, container: string, containerID: string, proc: VirtualProcess): void {
  store.setRecord(procKey(uid, container), { input: proc.input, containerID, flushedAt: proc.input.startedAt - 1 } satisfies ProcRecord);
  cache(store).set(procKey(uid, container), { proc, containerID, base: new Map(Object.entries(proc.input.files)) });
}

function liveOf(store: Store, key: string, rec: ProcRecord): Live {
  const m = cache(store);
  let l = m.get(key);
  if (!l || l.containerID !== rec.containerID) {
    // Replayed after a reload: same input, same history.
    const proc = new VirtualProcess(rec.input);
    l = { proc, containerID: rec.containerID, base: new Map(Object.entries(rec.input.files)) };
    m.set(key, l);
  }
  return l;
}

/** Appends the output the container's process produced up to `now` to its log record. */
export function flushContainer(store: Store, uid: string, container: string, now: number): void {
  const key = procKey(uid, container);
  const rec = store.getRecord<ProcRecord>(key);
  if (!rec) return;
  const until = Math.min(now, rec.stoppedAt ?? Infinity);
  if (until <= rec.flushedAt) return;
  const l = liveOf(store, key, rec);
  l.proc.advance(until);
  let text = '';
  const times: number[] = [];
  let keep = 0;
  const ev = l.proc.events;
  for (let i = 0; i < ev.length; i++) {
    const e = ev[i]!;
    if (e.t > until) break;
    keep = i + 1;
    if (e.out !== undefined) {
      if (e.t > rec.flushedAt) {
        text += e.out;
        // A line's time is when its newline was written.
        for (let j = e.out.indexOf('\n'); j >= 0; j = e.out.indexOf('\n', j + 1)) times.push(e.t);
        if (!e.out.endsWith('\n') && i === ev.length - 1) times.push(e.t);
      }
    } else if (e.path) {
      if (e.content === null || e.content === undefined) l.base.delete(e.path);
      else l.base.set(e.path, e.content);
    }
  }
  ev.splice(0, keep);
  if (text) appendLog(store, uid, container, text, times);
  store.setRecord(key, { ...rec, flushedAt: until });
  // An endless loop read far ahead: bound the look-ahead the interpreter keeps.
  if (l.proc.steps > STEP_CAP * 4) l.proc.steps = 0;
}

/** Flushes every container of a pod (before `kubectl logs` reads it). */
export function flushPod(store: Store, uid: string, now: number): void {
  for (const [k] of store.recordsWithPrefix(`kubelet/proc/${uid}/`)) flushContainer(store, uid, k.slice(`kubelet/proc/${uid}/`.length), now);
}

/** The container's files at `now` as its process left them. */
export function filesAt(store: Store, uid: string, container: string, now: number): Map<string, string> | undefined {
  const key = procKey(uid, container);
  const rec = store.getRecord<ProcRecord>(key);
  if (!rec) return undefined;
  flushContainer(store, uid, container, now);
  const l = liveOf(store, key, rec);
  const files = new Map(l.base);
  for (const e of l.proc.events) {
    if (e.t > now) break;
    if (e.path) {
      if (e.content === null || e.content === undefined) files.delete(e.path);
      else files.set(e.path, e.content);
    }
  }
  return files;
}

/** The process stopped at `at` (exit, kill): flush its last output, keep nothing running. */
export function stopProcess(store: Store, uid: string, container: string, at: number): void {
  const key = procKey(uid, container);
  const rec = store.getRecord<ProcRecord>(key);
  if (!rec || rec.stoppedAt !== undefined) return;
  store.setRecord(key, { ...rec, stoppedAt: at });
  flushContainer(store, uid, container, at);
}

/** Drops a pod's processes (by container name when known, else by scanning every record). */
export function forgetProcesses(store: Store, uid: string, containers?: readonly string[]): void {
  const m = cache(store);
  const keys = containers ? containers.map((c) => procKey(uid, c)) : store.recordsWithPrefix(`kubelet/proc/${uid}/`).map(([k]) => k);
  for (const k of keys) {
    m.delete(k);
    store.deleteRecord(k);
  }
}
