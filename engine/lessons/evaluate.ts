// Evaluates a lesson's declarative checks against the cluster as it is now. Reads only
// through the API server's read verbs (get/tryGet/list) and one sim-private store record;
// never writes. Each failing check says, in a learner's words, what is still missing.
//
// Command history record (written by the runtime and the transcript runner through
// recordCommand, read by `commandUsed` checks): key `history/commands`, value string[] —
// every command line run, oldest first, exactly as typed. See command-history.ts.
import type { KubeObject } from '../api/meta.ts';
import type { Event, Pod } from '../api/core-v1.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { resourceKey, type ResourceType } from '../apiserver/registry.ts';
import { ApiError } from '../apiserver/status.ts';
import type { CheckResult, LessonReport } from '../engine-api.ts';
import type { Store } from '../store/store.ts';
import { parseSelector, matches } from '../api/labels.ts';
import { resolveKind, type Check, type CommandCheck, type CountCheck, type EventCheck, type JsonPathCheck, type ObjectQuery } from './check.ts';
import { commandHistory } from './command-history.ts';
import { evalJsonPath } from './jsonpath.ts';
import { describeMismatch, partialMismatch } from './partial-match.ts';
import type { ParsedLesson } from './parse.ts';

export { COMMAND_HISTORY_RECORD } from './command-history.ts';

/** What evaluation needs from the engine: its API server and its store (for the history record). */
export interface CheckTarget {
  api: Pick<ApiServer, 'get' | 'tryGet' | 'list'>;
  store: Pick<Store, 'getRecord'>;
}

export function evaluateLesson(lesson: ParsedLesson, engine: CheckTarget): LessonReport {
  const steps = lesson.steps.map((s) => {
    const checks = s.checkSpecs.map((c) => evaluateCheck(c, engine));
    return { checks, passed: checks.every((c) => c.passed) };
  });
  return { lessonId: lesson.id, steps, passed: steps.every((s) => s.passed) };
}

export function evaluateCheck(check: Check, engine: CheckTarget): CheckResult {
  let detail: string | undefined;
  try {
    detail = failure(check, engine);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    detail = `The cluster did not answer: ${e.message}`;
  }
  return detail === undefined ? { title: check.title, passed: true } : { title: check.title, passed: false, detail };
}

/** Why the check fails, or undefined when it passes. */
function failure(check: Check, engine: CheckTarget): string | undefined {
  switch (check.check) {
    case 'exists':
      return exists(check.spec, engine.api);
    case 'notExists':
      return notExists(check.spec, engine.api);
    case 'jsonpath':
      return jsonpath(check.spec, engine.api);
    case 'count':
      return count(check.spec, engine.api);
    case 'event':
      return event(check.spec, engine.api);
    case 'commandUsed':
      return commandUsed(check.spec, engine.store);
  }
}

interface Target {
  type: ResourceType;
  key: string;
  namespace: string | undefined;
  /** " in namespace demo" (empty for default and cluster-scoped kinds). */
  where: string;
}

function target(kind: string, apiVersion: string | undefined, namespace: string | undefined): Target {
  const type = resolveKind(kind, apiVersion, 'check');
  const ns = type.namespaced ? namespace ?? 'default' : undefined;
  return { type, key: resourceKey(type), namespace: ns, where: ns && ns !== 'default' ? ` in namespace ${ns}` : '' };
}

/** The objects an object query names: the named one, or all with the labels. */
function candidates(q: ObjectQuery, api: CheckTarget['api'], t: Target): KubeObject[] {
  if (q.name !== undefined) {
    const o = api.tryGet(t.key, t.namespace, q.name);
    if (!o) return [];
    return q.labels && !matches(parseSelector(q.labels), o.metadata.labels) ? [] : [o];
  }
  return api.list(t.key, t.namespace, q.labels ? { labelSelector: q.labels } : {});
}

function describeQuery(q: ObjectQuery, t: Target): string {
  if (q.name !== undefined) return `${t.type.kind} named ${q.name}${q.labels ? ` with labels ${q.labels}` : ''}${t.where}`;
  return `${t.type.kind}${q.labels ? ` with labels ${q.labels}` : ''}${t.where}`;
}

function exists(q: ObjectQuery, api: CheckTarget['api']): string | undefined {
  const t = target(q.kind, q.apiVersion, q.namespace);
  const found = candidates(q, api, t);
  if (found.length === 0) return `No ${describeQuery(q, t)} yet`;
  if (!q.match) return undefined;
  const misses = found.map((o) => ({ o, m: partialMismatch(q.match, o) }));
  if (misses.some((x) => x.m === undefined)) return undefined;
  const first = misses[0]!;
  const why = `${t.type.kind} ${first.o.metadata.name}: ${describeMismatch(first.m!)}`;
  return found.length === 1 ? why : `None of the ${found.length} ${t.type.plural} matches yet (${why})`;
}

function notExists(q: ObjectQuery, api: CheckTarget['api']): string | undefined {
  const t = target(q.kind, q.apiVersion, q.namespace);
  const left = candidates(q, api, t).filter((o) => !q.match || partialMismatch(q.match, o) === undefined);
  if (left.length === 0) return undefined;
  const names = left.slice(0, 3).map((o) => o.metadata.name).join(', ') + (left.length > 3 ? ` and ${left.length - 3} more` : '');
  const deleting = left.every((o) => o.metadata.deletionTimestamp) ? ' (being deleted)' : '';
  return `${t.type.kind} ${names} still ${left.length === 1 ? 'exists' : 'exist'}${t.where}${deleting}`;
}

function jsonpath(c: JsonPathCheck, api: CheckTarget['api']): string | undefined {
  const t = target(c.kind, c.apiVersion, c.namespace);
  const o = api.tryGet(t.key, t.namespace, c.name);
  if (!o) return `No ${t.type.kind} named ${c.name}${t.where} yet`;
  const { text, found } = evalJsonPath(c.path, o);
  if (c.equals !== undefined) {
    if (text === c.equals) return undefined;
    return found ? `${t.type.kind} ${c.name}: ${c.path} is ${show(text)}, expected ${show(c.equals)}` : `${t.type.kind} ${c.name} has no ${c.path} yet`;
  }
  if (new RegExp(c.matches!).test(text)) return undefined;
  return found ? `${t.type.kind} ${c.name}: ${c.path} is ${show(text)}, which does not match ${c.matches}` : `${t.type.kind} ${c.name} has no ${c.path} yet`;
}

function count(c: CountCheck, api: CheckTarget['api']): string | undefined {
  const t = target(c.kind, c.apiVersion, c.namespace);
  const objs = api
    .list(t.key, t.namespace, c.labels ? { labelSelector: c.labels } : {})
    // Objects being deleted (a Terminating pod) are on their way out: they do not count.
    .filter((o) => !o.metadata.deletionTimestamp)
    .filter((o) => c.phase === undefined || (o['status'] as { phase?: string } | undefined)?.phase === c.phase)
    .filter((o) => c.ready === undefined || isReady(o as Pod) === c.ready);
  const n = objs.length;
  // "1 pod Running", "3 pods Running", "0 of 1 pod Running", "2 of 5 pods Running".
  const noun = (k: number) => (k === 1 ? t.type.singular : t.type.plural);
  const what = (k: number) => [noun(k), c.phase, c.ready === true ? (c.phase ? 'and Ready' : 'Ready') : c.ready === false ? (c.phase ? 'and not Ready' : 'not Ready') : undefined]
    .filter(Boolean)
    .join(' ');
  const sel = `${c.labels ? ` with ${c.labels}` : ''}${t.where}`;
  if (c.equals !== undefined) return n === c.equals ? undefined : `${n} ${what(n)}${sel}, expected exactly ${c.equals}`;
  if (c.min !== undefined && n < c.min) return `${n} of ${c.min} ${what(c.min)}${sel}`;
  if (c.max !== undefined && n > c.max) return `${n} ${what(n)}${sel}, expected at most ${c.max}`;
  return undefined;
}

function isReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((x) => x.type === 'Ready' && x.status === 'True');
}

function event(c: EventCheck, api: CheckTarget['api']): string | undefined {
  const ns = c.namespace ?? 'default';
  const involved = c.involvedKind ? resolveKind(c.involvedKind, undefined, 'check').kind : undefined;
  const re = c.message !== undefined ? new RegExp(c.message) : undefined;
  const seen = (api.list('events', ns) as Event[])
    .filter((e) => e.reason === c.reason)
    .filter((e) => c.type === undefined || e.type === c.type)
    .filter((e) => involved === undefined || e.involvedObject?.kind === involved)
    .filter((e) => c.name === undefined || e.involvedObject?.name === c.name)
    .filter((e) => c.namePrefix === undefined || (e.involvedObject?.name ?? '').startsWith(c.namePrefix))
    .filter((e) => re === undefined || re.test(e.message ?? ''))
    .reduce((sum, e) => sum + Math.max(1, e.count ?? 1), 0);
  const min = c.min ?? 1;
  if (seen >= min) return undefined;
  const named = c.name ?? (c.namePrefix ? `${c.namePrefix}…` : undefined);
  const about = involved ? ` for a ${involved}${named ? ` named ${named}` : ''}` : named ? ` for ${named}` : '';
  if (seen === 0) return `No ${c.reason} event${about} yet`;
  return `${seen} of ${min} ${c.reason} events${about} so far`;
}

function commandUsed(c: CommandCheck, store: CheckTarget['store']): string | undefined {
  const history = commandHistory(store);
  const re = new RegExp(c.pattern);
  if (history.some((line) => re.test(line))) return undefined;
  return c.example ? `You haven't run \`${c.example}\` yet` : `You haven't run a matching command yet`;
}

function show(v: string): string {
  return v === '' ? '""' : v;
}
