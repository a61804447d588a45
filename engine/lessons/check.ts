// The declarative lesson checks: their shapes, and their validation from the YAML a lesson
// author writes in a ```check block. Lessons are data: only these kinds exist, every field is
// type-checked, and an unknown kind or field is an error (a typo must never make a check that
// silently passes). The evaluator is evaluate.ts; the author's guide is lessons/README.md.
import { parseSelector, SelectorParseError } from '../api/labels.ts';
import { resolveResource, typeForKind, type ResourceType } from '../apiserver/registry.ts';
import { JsonPathError, parseJsonPath } from './jsonpath.ts';

/** An object (or objects) to look for. Without a name, any object with the labels counts. */
export interface ObjectQuery {
  kind: string;
  apiVersion?: string;
  name?: string;
  /** Default `default` (ignored for cluster-scoped kinds). */
  namespace?: string;
  /** A label selector in kubectl's string form (`app=web,tier!=db`); a YAML map is converted. */
  labels?: string;
  /** kuttl-style partial object the object must contain. */
  match?: Record<string, unknown>;
}

export interface JsonPathCheck {
  kind: string;
  apiVersion?: string;
  name: string;
  namespace?: string;
  /** kubectl JSONPath template, e.g. `{.spec.replicas}`. */
  path: string;
  equals?: string;
  /** A regular expression the printed value must match (unanchored unless it says so). */
  matches?: string;
}

export interface CountCheck {
  /** Default Pod. */
  kind: string;
  apiVersion?: string;
  namespace?: string;
  labels?: string;
  /** `status.phase`, e.g. Running. */
  phase?: string;
  /** Pods only: the Ready condition is True (or, with false, is not). */
  ready?: boolean;
  min?: number;
  max?: number;
  equals?: number;
}

export interface EventCheck {
  reason: string;
  /** Normal or Warning. */
  type?: string;
  involvedKind?: string;
  /** The involved object's exact name. */
  name?: string;
  /** The involved object's name starts with this. */
  namePrefix?: string;
  /** Default `default`. */
  namespace?: string;
  /** A regular expression the event message must match. */
  message?: string;
  /** How many such occurrences (summing each Event's count). Default 1. */
  min?: number;
}

export interface CommandCheck {
  /** A regular expression matched against each command line the learner ran (unanchored). */
  pattern: string;
  /** A command that would match, shown to the learner while the check fails. */
  example?: string;
}

export type Check =
  | { check: 'exists'; title: string; spec: ObjectQuery }
  | { check: 'notExists'; title: string; spec: ObjectQuery }
  | { check: 'jsonpath'; title: string; spec: JsonPathCheck }
  | { check: 'count'; title: string; spec: CountCheck }
  | { check: 'event'; title: string; spec: EventCheck }
  | { check: 'commandUsed'; title: string; spec: CommandCheck };

export type CheckKind = Check['check'];

export const CHECK_KINDS: readonly CheckKind[] = ['exists', 'notExists', 'jsonpath', 'count', 'event', 'commandUsed'];

/** A lesson that cannot be loaded, with where and why. */
export class LessonError extends Error {
  override name = 'LessonError';
}

type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'labels' | 'scalar';
type Schema = Record<string, { type: FieldType; required?: boolean }>;

const OBJECT_QUERY: Schema = {
  kind: { type: 'string', required: true },
  apiVersion: { type: 'string' },
  name: { type: 'string' },
  namespace: { type: 'string' },
  labels: { type: 'labels' },
  match: { type: 'object' },
};

const SCHEMAS: Record<CheckKind, Schema> = {
  exists: OBJECT_QUERY,
  notExists: OBJECT_QUERY,
  jsonpath: {
    kind: { type: 'string', required: true },
    apiVersion: { type: 'string' },
    name: { type: 'string', required: true },
    namespace: { type: 'string' },
    path: { type: 'string', required: true },
    equals: { type: 'scalar' },
    matches: { type: 'string' },
  },
  count: {
    kind: { type: 'string' },
    apiVersion: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'labels' },
    phase: { type: 'string' },
    ready: { type: 'boolean' },
    min: { type: 'number' },
    max: { type: 'number' },
    equals: { type: 'number' },
  },
  event: {
    reason: { type: 'string', required: true },
    type: { type: 'string' },
    involvedKind: { type: 'string' },
    name: { type: 'string' },
    namePrefix: { type: 'string' },
    namespace: { type: 'string' },
    message: { type: 'string' },
    min: { type: 'number' },
  },
  commandUsed: {
    pattern: { type: 'string', required: true },
    example: { type: 'string' },
  },
};

/**
 * Validates one list item of a check block: `{title, <kind>: {...}}`. `where` prefixes every
 * error ("lessons/01-x/lesson.md:42, step "Scale up"").
 */
export function parseCheck(raw: unknown, where: string): Check {
  if (!isObject(raw)) throw new LessonError(`${where}: each check must be a map with a title and one check kind, got ${JSON.stringify(raw)}`);
  const keys = Object.keys(raw);
  const title = raw['title'];
  if (typeof title !== 'string' || title.trim() === '') throw new LessonError(`${where}: a check needs a title (the sentence the learner sees)`);
  const kinds = keys.filter((k) => k !== 'title');
  const unknown = kinds.filter((k) => !(CHECK_KINDS as readonly string[]).includes(k));
  if (unknown.length)
    throw new LessonError(`${where}: unknown check kind "${unknown[0]}" in check "${title}" (known kinds: ${CHECK_KINDS.join(', ')})`);
  if (kinds.length !== 1)
    throw new LessonError(`${where}: check "${title}" must have exactly one kind (${CHECK_KINDS.join(', ')}), found ${kinds.length ? kinds.join(', ') : 'none'}`);
  const kind = kinds[0] as CheckKind;
  const at = `${where}: ${kind} check "${title}"`;
  const spec = validate(raw[kind], SCHEMAS[kind], at);

  if ('kind' in spec || kind === 'count') {
    const k = (spec['kind'] as string | undefined) ?? 'Pod';
    spec['kind'] = k;
    resolveKind(k, spec['apiVersion'] as string | undefined, at);
  }
  if (kind === 'event' && spec['involvedKind'] !== undefined) resolveKind(spec['involvedKind'] as string, undefined, at);
  if (kind === 'jsonpath') {
    try {
      parseJsonPath(spec['path'] as string);
    } catch (e) {
      if (e instanceof JsonPathError) throw new LessonError(`${at}: bad path: ${e.message}`);
      throw e;
    }
    const has = ['equals', 'matches'].filter((f) => f in spec);
    if (has.length !== 1) throw new LessonError(`${at}: give exactly one of equals or matches`);
    if ('equals' in spec) spec['equals'] = String(spec['equals']);
  }
  if (kind === 'count') {
    const bounds = ['min', 'max', 'equals'].filter((f) => f in spec);
    if (bounds.length === 0) spec['min'] = 1;
    if ('equals' in spec && bounds.length > 1) throw new LessonError(`${at}: equals cannot be combined with min or max`);
    for (const b of bounds) if (!Number.isInteger(spec[b]) || (spec[b] as number) < 0) throw new LessonError(`${at}: ${b} must be a whole number ≥ 0`);
    if ('ready' in spec && resolveKind(spec['kind'] as string, spec['apiVersion'] as string | undefined, at).kind !== 'Pod')
      throw new LessonError(`${at}: ready only applies to Pods`);
  }
  if (kind === 'event' && 'min' in spec && (!Number.isInteger(spec['min']) || (spec['min'] as number) < 1))
    throw new LessonError(`${at}: min must be a whole number ≥ 1`);
  if (kind === 'event' && 'type' in spec && spec['type'] !== 'Normal' && spec['type'] !== 'Warning')
    throw new LessonError(`${at}: type must be Normal or Warning`);
  for (const f of kind === 'jsonpath' ? ['matches'] : kind === 'event' ? ['message'] : kind === 'commandUsed' ? ['pattern'] : []) {
    if (typeof spec[f] !== 'string') continue;
    try {
      new RegExp(spec[f] as string);
    } catch (e) {
      throw new LessonError(`${at}: ${f} is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  return { check: kind, title: title.trim(), spec } as unknown as Check;
}

/** The API type a check's `kind` (and optional apiVersion) names; throws LessonError. */
export function resolveKind(kind: string, apiVersion: string | undefined, at: string): ResourceType {
  const t = apiVersion ? typeForKind(apiVersion, kind) : resolveResource(kind);
  if (!t) throw new LessonError(`${at}: unknown kind "${kind}"${apiVersion ? ` in ${apiVersion}` : ''}`);
  return t;
}

function validate(raw: unknown, schema: Schema, at: string): Record<string, unknown> {
  if (!isObject(raw)) throw new LessonError(`${at}: expected a map of fields (${Object.keys(schema).join(', ')})`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const field = schema[k];
    if (!field) throw new LessonError(`${at}: unknown field "${k}" (allowed: ${Object.keys(schema).join(', ')})`);
    out[k] = checkType(k, v, field.type, at);
  }
  for (const [k, f] of Object.entries(schema)) if (f.required && !(k in out)) throw new LessonError(`${at}: missing required field "${k}"`);
  return out;
}

function checkType(k: string, v: unknown, type: FieldType, at: string): unknown {
  const bad = (what: string): never => {
    throw new LessonError(`${at}: field "${k}" must be ${what}, got ${JSON.stringify(v)}`);
  };
  switch (type) {
    case 'string':
      return typeof v === 'string' ? v : bad('a string');
    case 'number':
      return typeof v === 'number' ? v : bad('a number');
    case 'boolean':
      return typeof v === 'boolean' ? v : bad('true or false');
    case 'object':
      return isObject(v) ? v : bad('a map');
    case 'scalar':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : bad('a string or number');
    case 'labels': {
      let sel: string;
      if (typeof v === 'string') sel = v;
      else if (isObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean'))
        sel = Object.keys(v).map((key) => `${key}=${String(v[key])}`).join(',');
      else return bad('a map of labels or a selector string');
      try {
        parseSelector(sel);
      } catch (e) {
        if (e instanceof SelectorParseError) throw new LessonError(`${at}: bad labels "${sel}": ${e.message}`);
        throw e;
      }
      return sel;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
