// What `kubectl label` and `kubectl annotate` share: KEY=VAL / KEY- arguments after the
// resources, the overwrite rules, --list, --resource-version, --dry-run, and one merge patch
// of metadata.labels|annotations per object. Mirrors pkg/cmd/label/label.go and
// pkg/cmd/annotate/annotate.go (their messages differ; see the two commands).
import type { KubeObject } from '../../api/meta.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type CommandContext } from '../command.ts';
import type { FlagSpec } from '../flags.ts';
import { dryRunOf, printMutation } from '../mutation.ts';
import { errorText } from '../server-errors.ts';
import { collectTargets, jsonLength } from '../targets.ts';
import { printWarnings } from './apply.ts';

export const METADATA_FLAGS: FlagSpec[] = [
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'allow-missing-template-keys', type: 'bool' },
  { name: 'dry-run', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'resource-version', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'template', type: 'string' },
];

export interface MetadataKind {
  field: 'labels' | 'annotations';
  /** "label" / "annotation" in messages. */
  noun: string;
  /** Parses KEY=VAL / KEY- pairs into sets and removals (throws CommandError). */
  parse(pairs: string[]): { set: Record<string, string>; remove: string[] };
  /** The overwrite check when --overwrite is false (throws CommandError). */
  noOverwrite(current: Record<string, string>, set: Record<string, string>): void;
  /** Removing a key that is not there (label prints a line, annotate says nothing). */
  notFound?(cx: CommandContext, key: string): void;
  /** The verb printed per object. */
  verb(before: KubeObject, after: KubeObject, overwrite: boolean): string;
}

/** GetResourcesAndPairs: resources first, then KEY=VAL / KEY- pairs. */
export function splitPairs(args: string[], noun: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let inPairs = false;
  for (const a of args) {
    const isPair = a.includes('=') || a.endsWith('-');
    if (isPair) {
      inPairs = true;
      pairs.push(a);
    } else {
      if (inPairs) throw new CommandError(`all resources must be specified before ${noun} changes: ${a}`);
      resources.push(a);
    }
  }
  return { resources, pairs };
}

export async function runMetadataUpdate(cx: CommandContext, kind: MetadataKind): Promise<number> {
  const f = cx.flags;
  const { resources, pairs } = splitPairs(f.args, kind.noun);
  if (resources.length === 0 && f.list('filename').length === 0)
    throw new CommandError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const list = f.bool('list');
  if (pairs.length === 0 && !list) throw new CommandError(`at least one ${kind.noun} update is required`);
  const { set, remove } = kind.parse(pairs);
  const dry = dryRunOf(cx);
  const overwrite = f.bool('overwrite');
  const { targets, errors } = collectTargets(cx, { args: resources, selectable: true });
  for (const t of targets) {
    const current = { ...((t.object.metadata[kind.field] as Record<string, string> | undefined) ?? {}) };
    if (list) {
      for (const k of Object.keys(current).sort()) cx.out(`${k}=${current[k]}\n`);
      continue;
    }
    if (!overwrite) kind.noOverwrite(current, set);
    const next = { ...current, ...set };
    for (const k of remove) {
      if (!(k in next)) kind.notFound?.(cx, k);
      delete next[k];
    }
    const after = structuredClone(t.object) as KubeObject;
    if (Object.keys(next).length) after.metadata[kind.field] = next;
    else delete after.metadata[kind.field];
    const verb = sameMap(current, next) ? kind.verb(t.object, t.object, overwrite) : kind.verb(t.object, after, overwrite);
    if (dry === 'client') {
      printMutation(cx, after, verb, dry);
      continue;
    }
    const patchMeta: Record<string, unknown> = { [kind.field]: diffMap(current, next) };
    if (f.str('resource-version')) patchMeta['resourceVersion'] = f.str('resource-version');
    try {
      const r = cx.api.patch(t.key, t.namespace, t.name, 'merge', { metadata: patchMeta }, { dryRun: dry === 'server' });
      printWarnings(cx, r.warnings);
      printMutation(cx, r.object, verb, dry);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      cx.err(errorText(e));
      for (const x of errors) cx.err(x);
      return 1;
    }
  }
  for (const e of errors) cx.err(e);
  return errors.length ? 1 : 0;
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

/** A JSON merge patch turning map `a` into map `b`. */
function diffMap(a: Record<string, string>, b: Record<string, string>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const k of Object.keys(a)) if (!(k in b)) out[k] = null;
  for (const [k, v] of Object.entries(b)) if (a[k] !== v) out[k] = v;
  return out;
}

/** label.go's updateDataChangeMsg: unchanged, shorter without --overwrite, or changed. */
export function changeVerb(before: KubeObject, after: KubeObject, overwrite: boolean, word: string): string {
  const a = jsonLength(before);
  const b = jsonLength(after);
  if (JSON.stringify(before) === JSON.stringify(after)) return `not ${word}`;
  return !overwrite && b < a ? `un${word}` : word;
}
