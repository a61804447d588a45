// kubectl edit TYPE NAME: the live object as YAML under kubectl's comment header in a
// workspace file (/tmp/kubectl-edit-NNN.yaml), the learner's edit applied as a patch
// (`deployment.apps/web edited`), errors as kubectl prints them. The tab opens the file in its
// editor (CommandIO.openEditor). Without an editor (sessions, `npm run sim`) the edited text
// may be given on standard input, e.g. a here-document; otherwise kubectl's editor error.
// Mirrors pkg/cmd/util/editor/editoptions.go.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../api/meta.ts';
import { ApiError } from '../../apiserver/status.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, printMutation, fieldValidationOf } from '../mutation.ts';
import { stripManagedFields } from '../printers/objects.ts';
import { toYaml } from '../printers/yaml.ts';
import { statusText } from '../server-errors.ts';
import { collectTargets } from '../targets.ts';
import { threeWayPatch } from '../three-way.ts';
import { LAST_APPLIED, lastAppliedJson, printWarnings } from './apply.ts';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const edit: Command = {
  name: 'edit',
  short: 'Edit a resource on the server',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    { name: 'output-patch', type: 'bool' },
    { name: 'save-config', type: 'bool' },
    { name: 'windows-line-endings', type: 'bool' },
    { name: 'validate', type: 'string' },
    { name: 'field-manager', type: 'string' },
    { name: 'subresource', type: 'string' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'allow-missing-template-keys', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'dry-run', type: 'string' },
  ],
  run,
};

/** A file name like os.CreateTemp's, from the clock (the cluster's Rng is left alone). */
function tempName(cx: CommandContext): string {
  const n = (Math.imul(cx.now() >>> 0, 2_654_435_761) >>> 0) % 4_000_000_000;
  return `/tmp/kubectl-edit-${1_000_000_000 + (n % 3_000_000_000)}.yaml`;
}

function stripComments(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
}

async function run(cx: CommandContext): Promise<number> {
  const f = cx.flags;
  if (f.args.length === 0 && f.list('filename').length === 0)
    throw new CommandError(`You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`);
  const { targets, errors } = collectTargets(cx, { args: f.args });
  for (const e of errors) cx.err(e);
  if (targets.length === 0) return 1;
  if (targets.length > 1) throw new CommandError('kubeplay edits one object at a time');
  const t = targets[0]!;
  const shown = f.bool('show-managed-fields') ? t.object : stripManagedFields(t.object);
  const original = HEADER + toYaml(shown);
  const path = tempName(cx);
  cx.env.workspace.write(path, original);
  let edited: string | undefined;
  if (cx.io.stdin) edited = cx.io.stdin;
  else if (cx.io.openEditor) edited = await cx.io.openEditor(path, original);
  else {
    cx.env.workspace.remove(path);
    throw new CommandError('there was a problem with the editor "vi"');
  }
  if (edited === undefined || stripComments(edited) === stripComments(original)) {
    cx.env.workspace.remove(path);
    cx.err('Edit cancelled, no changes made.\n');
    return 0;
  }
  const body = stripComments(edited);
  if (body.trim() === '') {
    cx.env.workspace.remove(path);
    cx.err('Edit cancelled, saved file was empty.\n');
    return 0;
  }
  let next: KubeObject;
  try {
    const docs = parseAllDocuments(body, { version: '1.1' });
    const doc = Array.isArray(docs) ? docs[0] : docs;
    if (!doc || doc.errors.length) throw new Error(doc?.errors[0]?.message ?? 'empty document');
    next = doc.toJS() as KubeObject;
  } catch (e) {
    cx.env.workspace.write(path, edited);
    cx.err(`error: error parsing edited object: ${(e as Error).message.split('\n')[0]}\nA copy of your changes has been stored to "${path}"\n`);
    return 1;
  }
  if (next.metadata?.annotations?.[LAST_APPLIED] !== undefined || f.bool('save-config')) {
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedJson(next) };
  }
  const patch = threeWayPatch(shown, next as unknown as Record<string, unknown>, t.object as unknown as Record<string, unknown>);
  const dry = dryRunOf(cx);
  fieldValidationOf(cx); // refuses a bad --validate before any request
  try {
    const r = Object.keys(patch).length ? cx.api.patch(t.key, t.namespace, t.name, 'strategic', patch, { dryRun: dry !== 'none', fieldValidation: fieldValidationOf(cx) }) : { object: t.object, warnings: [] };
    printWarnings(cx, r.warnings);
    printMutation(cx, r.object, 'edited', dry);
    cx.env.workspace.remove(path);
    return 0;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    cx.env.workspace.write(path, edited);
    const why = statusText(e.status).trimEnd();
    cx.err(`error: ${t.type.plural}${t.type.group ? `.${t.type.group}` : ''} "${t.name}" is invalid\nA copy of your changes has been stored to "${path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    cx.err(`${why}\n`);
    return 1;
  }
}
