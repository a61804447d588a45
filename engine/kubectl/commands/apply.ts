// kubectl apply -f: creates what is missing (recording the last-applied-configuration
// annotation) and patches what exists with a three-way strategic merge patch; prints
// `created`, `configured` or `unchanged` per object, errors at the end. Mirrors
// k8s.io/kubectl/pkg/cmd/apply/apply.go.
import type { KubeObject } from '../../api/meta.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import type { ManifestObject } from '../manifest.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation, fieldValidationOf } from '../mutation.ts';
import { errorText, reportErrors, type Reported } from '../server-errors.ts';
import { threeWayPatch } from '../three-way.ts';
import { readManifestsOrReport } from './manifest-args.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export const apply: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'force', type: 'bool' },
    { name: 'prune', type: 'bool' },
    { name: 'server-side', type: 'bool' },
    { name: 'force-conflicts', type: 'bool' },
    { name: 'overwrite', type: 'bool' },
    { name: 'wait', type: 'bool' },
    ...MUTATION_FLAGS,
  ],
  run,
};

/** The annotation value kubectl records: the applied object as sorted compact JSON + newline. */
export function lastAppliedJson(obj: KubeObject): string {
  const copy = structuredClone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  return goJson(copy) + '\n';
}

function goJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
  return JSON.stringify(sort(v)).replace(/[<>&]/g, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

async function run(cx: CommandContext): Promise<number> {
  const files = cx.flags.list('filename');
  if (files.length === 0) throw new CommandError('must specify one of -f and -k');
  const dry = dryRunOf(cx);
  fieldValidationOf(cx); // refuses a bad --validate before any request
  const docs = readManifestsOrReport(cx, files);
  if (!docs) return 1;
  const errors: Reported[] = [...docs.errors];
  const serverSide = cx.flags.bool('server-side');
  for (const m of docs.objects) {
    const e = serverSide ? serverSideApply(cx, m, dry) : applyOne(cx, m, dry);
    if (e) errors.push(e);
  }
  reportErrors((t) => cx.err(t), errors);
  return errors.length ? 1 : 0;
}

/** Namespace the object goes to, or an error when it conflicts with an explicit -n. */
export function targetNamespace(cx: CommandContext, m: ManifestObject): string | undefined {
  if (!m.type.namespaced) return undefined;
  const own = m.object.metadata.namespace;
  if (own && cx.explicitNamespace && own !== cx.namespace)
    throw new CommandError(`the namespace from the provided object "${own}" does not match the namespace "${cx.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
  return own || cx.namespace;
}

function applyOne(cx: CommandContext, m: ManifestObject, dry: ReturnType<typeof dryRunOf>): Reported | undefined {
  const key = resourceKey(m.type);
  let ns: string | undefined;
  try {
    ns = targetNamespace(cx, m);
  } catch (e) {
    return { error: e };
  }
  const obj = structuredClone(m.object);
  const name = obj.metadata.name;
  if (!name) {
    if (obj.metadata.generateName) return `error: from ${obj.metadata.generateName}: cannot use generate name with apply\n`;
    return `error: error when retrieving current configuration of:\nResource: "${m.type.group ? `${m.type.group}/` : ''}${m.type.version}, Resource=${m.type.plural}", GroupVersionKind: "${m.type.group ? `${m.type.group}/` : ''}${m.type.version}, Kind=${m.type.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${m.source}": resource name may not be empty\n`;
  }
  if (ns) obj.metadata.namespace = ns;
  else delete obj.metadata.namespace;
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedJson(obj) };

  let current: KubeObject | undefined;
  try {
    current = cx.api.tryGet(key, ns, name);
  } catch (e) {
    return { error: e, from: { verb: 'retrieving current configuration of', source: m.source } };
  }
  if (!current) {
    if (dry === 'client') {
      printMutation(cx, obj, 'created', dry);
      return undefined;
    }
    try {
      const r = cx.api.create(key, ns, obj, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(cx) });
      printWarnings(cx, r.warnings);
      printMutation(cx, r.object, 'created', dry);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return { error: e, from: { verb: 'creating', source: m.source } };
    }
    return undefined;
  }
  const originalText = current.metadata.annotations?.[LAST_APPLIED];
  if (originalText === undefined)
    cx.err(
      `Warning: resource ${m.type.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  let original: unknown;
  try {
    original = originalText ? JSON.parse(originalText) : undefined;
  } catch {
    original = undefined;
  }
  const patch = threeWayPatch(original, obj as unknown as Record<string, unknown>, current as unknown as Record<string, unknown>);
  delete patch['apiVersion'];
  delete patch['kind'];
  if (Object.keys(patch).length === 0) {
    printMutation(cx, current, 'unchanged', dry);
    return undefined;
  }
  if (dry === 'client') {
    printMutation(cx, current, 'configured', dry);
    return undefined;
  }
  try {
    const r = cx.api.patch(key, ns, name, 'strategic', patch, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(cx) });
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'configured', dry);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { error: e, from: { verb: 'patching', source: m.source } };
  }
  return undefined;
}

/**
 * --server-side, basic: the applied configuration creates the object when missing, else is
 * merged into it (field ownership is not tracked). Prints `serverside-applied`.
 */
function serverSideApply(cx: CommandContext, m: ManifestObject, dry: ReturnType<typeof dryRunOf>): Reported | undefined {
  const key = resourceKey(m.type);
  try {
    const ns = targetNamespace(cx, m);
    const obj = structuredClone(m.object);
    if (ns) obj.metadata.namespace = ns;
    const name = obj.metadata.name ?? '';
    if (!name) return `error: resource name may not be empty\n`;
    const current = cx.api.tryGet(key, ns, name);
    if (dry === 'client') {
      printMutation(cx, obj, 'serverside-applied', dry);
      return undefined;
    }
    const r = current ? cx.api.patch(key, ns, name, 'strategic', obj, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(cx) }) : cx.api.create(key, ns, obj, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(cx) });
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'serverside-applied', dry);
  } catch (e) {
    if (!(e instanceof ApiError) && !(e instanceof CommandError)) throw e;
    return { error: e, from: { verb: 'applying', source: m.source } };
  }
  return undefined;
}

export function printWarnings(cx: CommandContext, warnings: readonly string[]): void {
  for (const w of warnings) cx.err(`Warning: ${w}\n`);
}
