// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]: `deployment.apps/web
// patched`, or `patched (no change)` when the server's object did not change. The patch may
// be YAML or JSON, inline or from --patch-file. Mirrors pkg/cmd/patch/patch.go.
import type { KubeObject } from '../../api/meta.ts';
import { applyJsonPatch } from '../../apiserver/patch/json-patch.ts';
import { applyMergePatch } from '../../apiserver/patch/merge-patch.ts';
import { applyStrategicMergePatch } from '../../apiserver/patch/strategic-merge-patch.ts';
import { ApiError } from '../../apiserver/status.ts';
import { parse as parseYaml } from 'yaml';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation } from '../mutation.ts';
import { errorText } from '../server-errors.ts';
import { collectTargets } from '../targets.ts';
import { printWarnings } from './apply.ts';

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

const TYPES = ['json', 'merge', 'strategic'] as const;
type PatchType = (typeof TYPES)[number];

export const patch: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'patch-file', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'local', type: 'bool' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'subresource', type: 'string' },
    ...MUTATION_FLAGS,
  ],
  run,
};

/** The patch text as JSON (kubectl runs it through yaml.ToJSON). */
export function patchValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text, { version: '1.1' });
    } catch (e) {
      throw new CommandError(`unable to parse ${JSON.stringify(text)}: yaml: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

export function applyPatch(obj: KubeObject, type: PatchType, value: unknown): KubeObject {
  if (type === 'json') return applyJsonPatch(obj, value) as KubeObject;
  if (type === 'merge') return applyMergePatch(obj, value) as KubeObject;
  return applyStrategicMergePatch(obj, value) as KubeObject;
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  const type = (f.str('type') || 'strategic') as PatchType;
  if (!TYPES.includes(type)) throw new CommandError(`--type must be one of [json merge strategic], not ${JSON.stringify(f.str('type'))}`);
  let text = f.str('patch');
  if (f.str('patch-file')) {
    if (text) throw new CommandError('cannot specify --patch and --patch-file together');
    const file = cx.env.workspace.read(f.str('patch-file'));
    if (file === undefined) throw new CommandError(`unable to read patch file: open ${f.str('patch-file')}: no such file or directory`);
    text = file;
  }
  if (!text) throw new CommandError('must specify --patch or --patch-file containing the contents of the patch');
  if (f.args.length === 0 && f.list('filename').length === 0) throw new CommandError(NO_RESOURCES);
  const value = patchValue(text);
  const dry = dryRunOf(cx);
  const subresource = f.str('subresource');
  if (subresource && subresource !== 'status' && subresource !== 'scale')
    throw new CommandError(`invalid subresource value: "${subresource}". Must be one of [status scale]`);
  const { targets, errors } = collectTargets(cx, { args: f.args, missing: NO_RESOURCES });
  let failed = errors.length > 0;
  for (const t of targets) {
    try {
      if (dry === 'client') {
        printMutation(cx, applyPatch(structuredClone(t.object), type, value), 'patched', dry);
        continue;
      }
      const opts: { dryRun: boolean; subresource?: 'status' } = { dryRun: dry === 'server' };
      if (subresource === 'status') opts.subresource = 'status';
      const r = cx.api.patch(t.key, t.namespace, t.name, type, value, opts);
      printWarnings(cx, r.warnings);
      const same = r.object.metadata.resourceVersion === t.object.metadata.resourceVersion;
      printMutation(cx, r.object, same ? 'patched (no change)' : 'patched', dry);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      cx.err(errorText(e));
      failed = true;
    }
  }
  for (const e of errors) cx.err(e);
  return failed ? 1 : 0;
}
