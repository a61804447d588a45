// What every `kubectl create <generator>` shares: exactly one NAME, --dry-run=client printing
// the generated object (Go struct field order, `creationTimestamp: null`), otherwise a create
// in the current namespace with the generator's own error wrapping.
import type { KubeObject } from '../../api/meta.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type CommandContext } from '../command.ts';
import { dryRunOf, printMutation } from '../mutation.ts';
import { printWarnings } from './apply.ts';

/** The single NAME argument, or kubectl's error. */
export function nameArg(cx: CommandContext): string {
  const args = cx.flags.args;
  if (args.length !== 1) throw new CommandError(`exactly one NAME is required, got ${args.length}`, cx.helpHint());
  return args[0]!;
}

/** `metadata` with the fields in ObjectMeta order and the generator's null timestamp. */
export function meta(name: string, extra: Record<string, unknown> = {}): KubeObject['metadata'] {
  return { name, creationTimestamp: null, ...extra } as unknown as KubeObject['metadata'];
}

/**
 * Creates (or prints with --dry-run=client) a generated object. `wrap` is the generator's
 * fmt.Errorf prefix for API errors ('' prints them as the server's own error).
 */
export function createGenerated(cx: CommandContext, resource: string, namespaced: boolean, obj: KubeObject, wrap: string): number {
  const dry = dryRunOf(cx);
  if (dry === 'client') {
    printMutation(cx, obj, 'created', dry, true);
    return 0;
  }
  const ns = namespaced ? cx.namespace : undefined;
  const toSend = structuredClone(obj);
  if (ns) toSend.metadata.namespace = ns;
  try {
    const r = cx.api.create(resource, ns, toSend, { dryRun: dry === 'server' });
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'created', dry);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError) || !wrap) throw e;
    throw new CommandError(`${wrap}${e.status.message}`);
  }
}

/** Reads a --from-file / --from-env-file source, or fails like kubectl. */
export function readSource(cx: CommandContext, path: string): string {
  const text = cx.env.workspace.read(path);
  if (text === undefined) throw new CommandError(`error reading ${path}: no such file or directory`);
  return text;
}

/** Key/value data from --from-literal, --from-file and --from-env-file (configmap, secret). */
export function sourceData(cx: CommandContext, kindWord: string, name: string): Record<string, string> {
  const envFiles = cx.flags.list('from-env-file');
  if (envFiles.length && (cx.flags.list('from-file').length || cx.flags.list('from-literal').length))
    throw new CommandError('from-env-file cannot be combined with from-file or from-literal');
  const data: Record<string, string> = {};
  const add = (k: string, v: string) => {
    if (k in data) throw new CommandError(`cannot add key ${k}, another key by that name already exists in ${kindWord} "${name}"`);
    data[k] = v;
  };
  for (const spec of cx.flags.list('from-file')) {
    const i = spec.indexOf('=');
    const path = i >= 0 ? spec.slice(i + 1) : spec;
    const key = i >= 0 ? spec.slice(0, i) : path.split('/').pop()!;
    add(key, readSource(cx, path));
  }
  for (const lit of cx.flags.list('from-literal')) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new CommandError(`invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const path of envFiles) {
    for (const line of readSource(cx, path).split('\n')) {
      const l = line.replace(/^\uFEFF/, '').trim();
      if (!l || l.startsWith('#')) continue;
      const i = l.indexOf('=');
      if (i < 0) add(l, '');
      else add(l.slice(0, i), l.slice(i + 1));
    }
  }
  return data;
}

export function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
