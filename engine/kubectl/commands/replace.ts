// kubectl replace -f FILE: a PUT of the whole object (`deployment.apps/web replaced`);
// --force deletes and re-creates it. Mirrors pkg/cmd/replace/replace.go.
import { ApiError } from '../../apiserver/status.ts';
import { resourceKey } from '../../apiserver/registry.ts';
import { CommandError, type Command, type CommandContext } from '../command.ts';
import { dryRunOf, MUTATION_FLAGS, printMutation, fieldValidationOf } from '../mutation.ts';
import { kindPrefix } from '../resource-args.ts';
import { reportErrors, type Reported } from '../server-errors.ts';
import { LAST_APPLIED, lastAppliedJson, printWarnings, targetNamespace } from './apply.ts';
import { readManifestsOrReport } from './manifest-args.ts';

export const replace: Command = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'kustomize', short: 'k', type: 'string' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'cascade', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'wait', type: 'bool' },
    { name: 'raw', type: 'string' },
    { name: 'subresource', type: 'string' },
    ...MUTATION_FLAGS,
  ],
  run,
};

async function run(cx: CommandContext): Promise<number> {
  const files = cx.flags.list('filename');
  if (files.length === 0) throw new CommandError('must specify one of -f and -k');
  const dry = dryRunOf(cx);
  fieldValidationOf(cx); // refuses a bad --validate before any request
  const docs = readManifestsOrReport(cx, files);
  if (!docs) return 1;
  const errors: Reported[] = [...docs.errors];
  const force = cx.flags.bool('force');
  for (const m of docs.objects) {
    const key = resourceKey(m.type);
    try {
      const ns = targetNamespace(cx, m);
      const obj = structuredClone(m.object);
      if (ns) obj.metadata.namespace = ns;
      if (cx.flags.bool('save-config')) obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedJson(obj) };
      const name = obj.metadata.name ?? '';
      if (force) {
        // Delete, wait until it is gone, create.
        const old = cx.api.tryGet(key, ns, name);
        if (old && dry === 'none') {
          cx.api.delete(key, ns, name, { propagationPolicy: 'Background' });
          cx.out(`${kindPrefix(m.type)} "${name}" deleted\n`);
          while (cx.api.tryGet(key, ns, name)?.metadata.uid === old.metadata.uid && !cx.io.cancelled()) await cx.io.sleep(1000);
        }
        delete obj.metadata.resourceVersion;
        if (dry === 'client') printMutation(cx, obj, 'replaced', dry);
        else {
          const r = cx.api.create(key, ns, obj, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(cx) });
          printWarnings(cx, r.warnings);
          printMutation(cx, r.object, 'replaced', dry);
        }
        continue;
      }
      const current = cx.api.get(key, ns, name);
      if (dry === 'client') {
        printMutation(cx, obj, 'replaced', dry);
        continue;
      }
      // Without a resourceVersion the update is unconditional, as the server treats it.
      obj.metadata.resourceVersion ??= current.metadata.resourceVersion;
      const r = cx.api.update(key, obj, { dryRun: dry === 'server', fieldValidation: fieldValidationOf(cx) });
      printWarnings(cx, r.warnings);
      printMutation(cx, r.object, 'replaced', dry);
    } catch (e) {
      if (!(e instanceof ApiError) && !(e instanceof CommandError)) throw e;
      errors.push({ error: e, from: { verb: 'replacing', source: m.source } });
    }
  }
  reportErrors((t) => cx.err(t), errors);
  return errors.length ? 1 : 0;
}
