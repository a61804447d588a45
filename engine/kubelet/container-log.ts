// A container's log as the kubelet keeps it: the text in `logs/<uid>/<container>` (what
// `kubectl logs` prints) and, beside it, the time each line was written
// (`logtimes/<uid>/<container>`, virtual ms), which `--timestamps` and `--since` need. Lines
// are matched to times from the end, so trimming the text's head never misaligns them.
import type { Store } from '../store/store.ts';

/** The kubelet rotates container logs: at most this many characters are kept. */
export const LOG_CAP_CHARS = 2_000_000;

export const logTextKey = (uid: string, container: string, previous = false) => `logs/${uid}/${container}${previous ? '/previous' : ''}`;
export const logTimesKey = (uid: string, container: string, previous = false) => `logtimes/${uid}/${container}${previous ? '/previous' : ''}`;

/** Appends `text` written at virtual time `t` (or one time per line). */
export function appendLog(store: Store, uid: string, container: string, text: string, t: number | number[]): void {
  if (!text) return;
  const prev = store.getRecord<string>(logTextKey(uid, container)) ?? '';
  let next = prev + text;
  if (next.length > LOG_CAP_CHARS) next = next.slice(next.indexOf('\n', next.length - LOG_CAP_CHARS) + 1);
  store.setRecord(logTextKey(uid, container), next);
  const n = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const times = [...(store.getRecord<number[]>(logTimesKey(uid, container)) ?? [])];
  if (typeof t === 'number') for (let i = 0; i < n; i++) times.push(t);
  else times.push(...t);
  const lines = next.split('\n').length - (next.endsWith('\n') ? 1 : 0);
  store.setRecord(logTimesKey(uid, container), times.length > lines ? times.slice(times.length - lines) : times);
}

/** Starts a fresh log (a container (re)start), keeping the last one as `previous`. */
export function startLog(store: Store, uid: string, container: string, lines: string[], t: number, keepPrevious: boolean): void {
  if (keepPrevious) {
    const prev = store.getRecord<string>(logTextKey(uid, container));
    if (prev !== undefined) {
      store.setRecord(logTextKey(uid, container, true), prev);
      store.setRecord(logTimesKey(uid, container, true), store.getRecord<number[]>(logTimesKey(uid, container)) ?? []);
    }
  }
  store.setRecord(logTextKey(uid, container), sharedText(lines.map((l) => `${l}\n`).join('')));
  store.setRecord(logTimesKey(uid, container), sharedTimes(lines.length, t));
}

/**
 * The last log started, shared by the next one when equal: replicas started in the same second
 * print the same startup lines, and a thousand copies of nginx's banner (~1.5 KiB each) would
 * otherwise stay in the heap. Sharing is invisible: strings are immutable, and the times array
 * is frozen (appendLog copies it before adding).
 */
let lastText = '';
let lastTimes: readonly number[] = Object.freeze([]);

function sharedText(text: string): string {
  if (text === lastText) return lastText;
  return (lastText = text);
}

function sharedTimes(n: number, t: number): readonly number[] {
  if (lastTimes.length === n && (n === 0 || lastTimes[0] === t)) return lastTimes;
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(t);
  return (lastTimes = Object.freeze(times));
}

/** The log's lines with their times (undefined where no time was kept). */
export function readLog(store: Store, uid: string, container: string, previous: boolean): { time?: number; text: string }[] {
  const rec = store.getRecord<string>(logTextKey(uid, container, previous));
  if (rec === undefined) return [];
  const lines = rec.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const times = store.getRecord<number[]>(logTimesKey(uid, container, previous)) ?? [];
  const off = times.length - lines.length;
  return lines.map((text, i) => {
    const t = times[i + off];
    return t === undefined ? { text } : { time: t, text };
  });
}

/**
 * Drops a pod's logs. With its container names the keys are known; without them (no pod record
 * left) every record is scanned, which costs a full pass over the store per pod.
 */
export function forgetLogs(store: Store, uid: string, containers?: readonly string[]): void {
  if (containers) {
    for (const c of containers)
      for (const previous of [false, true]) {
        store.deleteRecord(logTextKey(uid, c, previous));
        store.deleteRecord(logTimesKey(uid, c, previous));
      }
    return;
  }
  for (const [k] of store.recordsWithPrefix(`logs/${uid}/`)) store.deleteRecord(k);
  for (const [k] of store.recordsWithPrefix(`logtimes/${uid}/`)) store.deleteRecord(k);
}
